package org.cir4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import java.util.Map;

/**
 * CLIP's causal text transformer. Token embeddings (B,L,w) plus {@code positional_embedding[:L]},
 * the transformer with a causal mask, then the token at each row's end position through
 * {@code ln_final} and {@code @ text_projection} (w,d) gives (B,d).
 *
 * <p>Only the first {@code max(end)+1} positions are computed: with a causal mask no position attends
 * to a later one, so the tokens after the last end token cannot change any pooled feature, and
 * rows shorter than the longest are unaffected by what follows their own end token. {@code ln_final}
 * is applied to the pooled tokens only (it acts per token, so this equals normalising all tokens
 * and pooling afterwards).
 */
final class TextTower {

    private final NDArray tokenEmbedding;
    private final NDArray positionalEmbedding;
    private final NDArray lnFinalW;
    private final NDArray lnFinalB;
    private final NDArray textProjection;
    private final ResidualTransformer transformer;
    private final float eps;

    TextTower(ClipConfig config, Map<String, NDArray> state) {
        ClipConfig.TextConfig t = config.text();
        this.eps = (float) config.layerNormEps();
        this.tokenEmbedding = state.get("token_embedding.weight");
        this.positionalEmbedding = state.get("positional_embedding");
        this.lnFinalW = state.get("ln_final.weight");
        this.lnFinalB = state.get("ln_final.bias");
        this.textProjection = state.get("text_projection");
        this.transformer = new ResidualTransformer(state, "transformer.", t.layers(), t.heads(), config.activation(),
                eps);
    }

    /** Token embedding lookup: int64 ids (B,L) → (B,L,w); differentiable w.r.t. the table. */
    NDArray embed(NDArray ids) {
        return Embedding.embedding(ids, tokenEmbedding, SparseFormat.DENSE).singletonOrThrow();
    }

    /**
     * Features from token embeddings (before positional embeddings).
     *
     * @param tokenEmbeds (B,L,w)
     * @param endPositions per row, the position to pool at; all < L
     * @param manager where temporary index/mask arrays are created
     * @return (B,d)
     */
    NDArray encode(NDArray tokenEmbeds, int[] endPositions, NDManager manager) {
        int used = 0;
        for (int p : endPositions) {
            used = Math.max(used, p + 1);
        }
        NDArray x = tokenEmbeds;
        if (used < x.getShape().get(1)) {
            x = x.get(":, :{}, :", used);
        }
        x = x.add(positionalEmbedding.get(":{}, :", used));
        x = transformer.forward(x, ClipOps.causalMask(manager, used));
        NDArray pooled = ClipOps.selectPositions(x, endPositions, manager);
        return ClipOps.layerNorm(pooled, lnFinalW, lnFinalB, eps).matMul(textProjection);
    }
}
