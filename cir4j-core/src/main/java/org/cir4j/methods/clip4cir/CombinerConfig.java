package org.cir4j.methods.clip4cir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Shape and fixed constants of a {@link Combiner}.
 *
 * @param variant       the combining function ({@link CombinerVariant})
 * @param featureDim    d, the CLIP embedding size
 * @param projectionDim P, output of each input projection (reference default 4d)
 * @param hiddenDim     H, hidden size of both branches (reference default 8d)
 * @param dropout       dropout rate of every dropout layer (0.5 in the paper and code)
 * @param logitScale    fixed logit scale of the contrastive loss (100 in the paper and code; not learned)
 */
public record CombinerConfig(CombinerVariant variant, int featureDim, int projectionDim, int hiddenDim, double dropout,
                             double logitScale) {

    public static final double DEFAULT_DROPOUT = 0.5;
    public static final double DEFAULT_LOGIT_SCALE = 100.0;

    public CombinerConfig {
        if (variant == null) {
            throw new IllegalArgumentException("Combiner variant is required");
        }
        if (featureDim < 1 || projectionDim < 1 || hiddenDim < 1) {
            throw new IllegalArgumentException("Combiner dims must be positive: d=" + featureDim + ", P=" + projectionDim
                    + ", H=" + hiddenDim);
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0,1), found " + dropout);
        }
        if (!(logitScale > 0)) {
            throw new IllegalArgumentException("logit scale must be positive, found " + logitScale);
        }
    }

    /** The paper's Combiner for embedding size d: P = 4d, H = 8d, dropout 0.5, logit scale 100. */
    public static CombinerConfig reference(CombinerVariant variant, int d) {
        return new CombinerConfig(variant, d, 4 * d, 8 * d, DEFAULT_DROPOUT, DEFAULT_LOGIT_SCALE);
    }

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("variant", variant.id());
        n.put("feature_dim", featureDim);
        n.put("projection_dim", projectionDim);
        n.put("hidden_dim", hiddenDim);
        n.put("dropout", dropout);
        n.put("logit_scale", logitScale);
        return n;
    }

    public static CombinerConfig fromJson(JsonNode n, String where) {
        for (String f : new String[] {"variant", "feature_dim", "projection_dim", "hidden_dim", "dropout", "logit_scale"}) {
            if (n == null || !n.has(f)) {
                throw new IllegalArgumentException(where + ": Combiner config lacks field '" + f + "'");
            }
        }
        return new CombinerConfig(CombinerVariant.fromId(n.get("variant").asText()), n.get("feature_dim").asInt(),
                n.get("projection_dim").asInt(), n.get("hidden_dim").asInt(), n.get("dropout").asDouble(),
                n.get("logit_scale").asDouble());
    }
}
