package org.cir4j.methods.searle;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyper-parameters of optimisation-based textual inversion (OTI). Presets: {@link #isearle()} (the journal
 * paper, Sec. V-A, ViT-B/32 values) and {@link #searle()} (the conference version as its released code
 * runs it). Every OTI ablation of Table VIII is a field: {@code regularisation} (w/o GPT reg, random reg,
 * w/o reg), {@code gamma} = 0 (w/o noise), {@code loss} = L2.
 *
 * @param steps          optimisation iterations per image (500 iSEARLE, 350 SEARLE code)
 * @param learningRate   AdamW learning rate (2e-2)
 * @param weightDecay    AdamW weight decay on v* (0.01)
 * @param emaDecay       EMA decay of v*; the EMA tokens are the output (0.99); 0 = output the last iterate
 * @param gamma          std of the Gaussian noise added to the text features in L_content (0.64 for
 *                       B/32, 0.16 for L/14; 0 = SEARLE). Added to the unnormalised features ψT(…), as
 *                       the paper writes y = ψT(…), ȳ = y + n.
 * @param lambdaContent  weight of L_content (1)
 * @param lambdaGpt      weight of L_gpt (0.5)
 * @param normaliseWeights divide the loss by λ_content + λ_gpt (the SEARLE code does; the iSEARLE paper's
 *                       Eq. 3 does not)
 * @param topK           concepts associated with each image (15)
 * @param batchSize      images optimised together (32 in the reference code)
 * @param regularisation GPT (default) or an ablation
 * @param loss           cosine (default) or the L2 ablation
 * @param initStd        std of v*'s initialisation N(0, σ²) (0.02)
 * @param maxBadSteps    non-finite losses tolerated per batch before failing
 */
public record OtiOptions(int steps, float learningRate, float weightDecay, float emaDecay, float gamma,
                         float lambdaContent, float lambdaGpt, boolean normaliseWeights, int topK, int batchSize,
                         Regularisation regularisation, ContentLoss loss, float initStd, int maxBadSteps) {

    public OtiOptions {
        if (steps < 1 || batchSize < 1 || topK < 1) {
            throw new IllegalArgumentException("OTI: steps, batch and top-k must be >= 1 (found " + steps + ", "
                    + batchSize + ", " + topK + ")");
        }
        if (emaDecay < 0 || emaDecay >= 1) {
            throw new IllegalArgumentException("OTI: ema must lie in [0, 1), found " + emaDecay);
        }
        if (gamma < 0) {
            throw new IllegalArgumentException("OTI: gamma must be >= 0, found " + gamma);
        }
    }

    /** iSEARLE-OTI, ViT-B/32 (paper Sec. V-A). */
    public static OtiOptions isearle() {
        return new OtiOptions(500, 2e-2f, 0.01f, 0.99f, 0.64f, 1f, 0.5f, false, 15, 32, Regularisation.GPT,
                ContentLoss.COSINE, 0.02f, 20);
    }

    /** SEARLE-OTI (conference; the released {@code oti_inversion.py} defaults: 350 steps, no noise, loss / 1.5). */
    public static OtiOptions searle() {
        return new OtiOptions(350, 2e-2f, 0.01f, 0.99f, 0f, 1f, 0.5f, true, 15, 32, Regularisation.GPT,
                ContentLoss.COSINE, 0.02f, 20);
    }

    public static OtiOptions preset(String name) {
        return switch (name) {
            case "isearle" -> isearle();
            case "searle" -> searle();
            default -> throw new IllegalArgumentException("unknown OTI preset '" + name + "'; known: isearle, searle");
        };
    }

    /** This configuration with {@code key=value} overrides (CLI {@code --option}); unknown keys fail. */
    public OtiOptions with(Map<String, String> overrides) {
        OtiOptions o = this;
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            o = o.with(e.getKey(), e.getValue());
        }
        return o;
    }

    public OtiOptions with(String key, String value) {
        try {
            return switch (key) {
                case "steps" -> new OtiOptions(Integer.parseInt(value), learningRate, weightDecay, emaDecay, gamma, lambdaContent, lambdaGpt, normaliseWeights, topK, batchSize, regularisation, loss, initStd, maxBadSteps);
                case "lr" -> new OtiOptions(steps, Float.parseFloat(value), weightDecay, emaDecay, gamma, lambdaContent, lambdaGpt, normaliseWeights, topK, batchSize, regularisation, loss, initStd, maxBadSteps);
                case "weight-decay" -> new OtiOptions(steps, learningRate, Float.parseFloat(value), emaDecay, gamma, lambdaContent, lambdaGpt, normaliseWeights, topK, batchSize, regularisation, loss, initStd, maxBadSteps);
                case "ema" -> new OtiOptions(steps, learningRate, weightDecay, Float.parseFloat(value), gamma, lambdaContent, lambdaGpt, normaliseWeights, topK, batchSize, regularisation, loss, initStd, maxBadSteps);
                case "gamma" -> new OtiOptions(steps, learningRate, weightDecay, emaDecay, Float.parseFloat(value), lambdaContent, lambdaGpt, normaliseWeights, topK, batchSize, regularisation, loss, initStd, maxBadSteps);
                case "lambda-content" -> new OtiOptions(steps, learningRate, weightDecay, emaDecay, gamma, Float.parseFloat(value), lambdaGpt, normaliseWeights, topK, batchSize, regularisation, loss, initStd, maxBadSteps);
                case "lambda-gpt" -> new OtiOptions(steps, learningRate, weightDecay, emaDecay, gamma, lambdaContent, Float.parseFloat(value), normaliseWeights, topK, batchSize, regularisation, loss, initStd, maxBadSteps);
                case "normalise-weights" -> new OtiOptions(steps, learningRate, weightDecay, emaDecay, gamma, lambdaContent, lambdaGpt, parseBool(value), topK, batchSize, regularisation, loss, initStd, maxBadSteps);
                case "top-k" -> new OtiOptions(steps, learningRate, weightDecay, emaDecay, gamma, lambdaContent, lambdaGpt, normaliseWeights, Integer.parseInt(value), batchSize, regularisation, loss, initStd, maxBadSteps);
                case "batch" -> new OtiOptions(steps, learningRate, weightDecay, emaDecay, gamma, lambdaContent, lambdaGpt, normaliseWeights, topK, Integer.parseInt(value), regularisation, loss, initStd, maxBadSteps);
                case "reg" -> new OtiOptions(steps, learningRate, weightDecay, emaDecay, gamma, lambdaContent, lambdaGpt, normaliseWeights, topK, batchSize, Regularisation.parse(value), loss, initStd, maxBadSteps);
                case "loss" -> new OtiOptions(steps, learningRate, weightDecay, emaDecay, gamma, lambdaContent, lambdaGpt, normaliseWeights, topK, batchSize, regularisation, ContentLoss.parse(value), initStd, maxBadSteps);
                case "init-std" -> new OtiOptions(steps, learningRate, weightDecay, emaDecay, gamma, lambdaContent, lambdaGpt, normaliseWeights, topK, batchSize, regularisation, loss, Float.parseFloat(value), maxBadSteps);
                case "max-bad-steps" -> new OtiOptions(steps, learningRate, weightDecay, emaDecay, gamma, lambdaContent, lambdaGpt, normaliseWeights, topK, batchSize, regularisation, loss, initStd, Integer.parseInt(value));
                default -> throw new IllegalArgumentException("unknown OTI option '" + key + "'; known: " + KEYS);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("OTI option " + key + "=" + value + ": not a number", e);
        }
    }

    public static final java.util.List<String> KEYS = java.util.List.of("steps", "lr", "weight-decay", "ema", "gamma",
            "lambda-content", "lambda-gpt", "normalise-weights", "top-k", "batch", "reg", "loss", "init-std",
            "max-bad-steps");

    static boolean parseBool(String v) {
        return switch (v.toLowerCase()) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false, found '" + v + "'");
        };
    }

    /** The options as strings (written into token banks and reports). */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("steps", Integer.toString(steps));
        m.put("lr", Float.toString(learningRate));
        m.put("weight-decay", Float.toString(weightDecay));
        m.put("ema", Float.toString(emaDecay));
        m.put("gamma", Float.toString(gamma));
        m.put("lambda-content", Float.toString(lambdaContent));
        m.put("lambda-gpt", Float.toString(lambdaGpt));
        m.put("normalise-weights", Boolean.toString(normaliseWeights));
        m.put("top-k", Integer.toString(topK));
        m.put("batch", Integer.toString(batchSize));
        m.put("reg", regularisation.name().toLowerCase());
        m.put("loss", loss.name().toLowerCase());
        m.put("init-std", Float.toString(initStd));
        return m;
    }
}
