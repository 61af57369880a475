package org.cir4j.methods.searle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hyper-parameters of φ training. Presets: {@link #isearle()} (paper Sec. V-A, ViT-B/32) and
 * {@link #searle()} (the conference version: no L_pen, random batches, no EMA of the weights; its OTI
 * tokens are made without noise). Every φ ablation of Table VIII is a field: {@code distil}
 * (cos distil, w/o distil), {@code regularisation} = NONE (w/o reg), {@code lambdaPen} = 0 (w/o L_pen),
 * {@code alpha} = 0 (w/o hard negatives).
 *
 * @param epochs       passes over the images (115)
 * @param batchSize    images per step (256)
 * @param learningRate AdamW learning rate (1e-4), constant as in the reference
 * @param weightDecay  AdamW weight decay (0.01)
 * @param tau          temperature of the contrastive losses (0.25)
 * @param lambdaDistil weight of L_distil (1)
 * @param lambdaGpt    weight of L_gpt (0.75)
 * @param lambdaPen    weight of L_pen (3e-3 B/32, 1e-2 L/14; 0 = SEARLE)
 * @param alpha        share of each batch from one k-means cluster (0.5; 0 = random batches)
 * @param clusters     k of the k-means (the paper does not give it; 0 = automatic, N / (2·B) but at least 2,
 *                     so a cluster holds about two batches' worth of images)
 * @param emaDecay     EMA decay of φ's weights (0.999; 0 = none); the saved φ is the EMA
 * @param dropout      φ's dropout (0.5)
 * @param topK         concepts per image for L_gpt (150)
 * @param distil       distillation loss
 * @param regularisation GPT or NONE
 * @param checkpointEvery steps between resumable checkpoints
 * @param maxBadSteps  non-finite losses tolerated before failing
 */
public record PhiOptions(int epochs, int batchSize, float learningRate, float weightDecay, float tau,
                         float lambdaDistil, float lambdaGpt, float lambdaPen, float alpha, int clusters,
                         float emaDecay, float dropout, int topK, Distillation distil, Regularisation regularisation,
                         int checkpointEvery, int maxBadSteps) {

    public PhiOptions {
        if (epochs < 1 || batchSize < 2 || topK < 1) {
            throw new IllegalArgumentException("phi: epochs >= 1, batch >= 2 and top-k >= 1 required (found " + epochs
                    + ", " + batchSize + ", " + topK + ")");
        }
        if (alpha < 0 || alpha > 1 || emaDecay < 0 || emaDecay >= 1) {
            throw new IllegalArgumentException("phi: alpha must lie in [0,1] and ema in [0,1), found " + alpha + ", " + emaDecay);
        }
        if (regularisation != Regularisation.GPT && regularisation != Regularisation.NONE) {
            throw new IllegalArgumentException("phi: reg must be gpt or none, found " + regularisation);
        }
    }

    public static PhiOptions isearle() {
        return new PhiOptions(115, 256, 1e-4f, 0.01f, 0.25f, 1f, 0.75f, 3e-3f, 0.5f, 0, 0.999f, 0.5f, 150,
                Distillation.CONTRASTIVE, Regularisation.GPT, 500, 20);
    }

    public static PhiOptions searle() {
        return new PhiOptions(115, 256, 1e-4f, 0.01f, 0.25f, 1f, 0.75f, 0f, 0f, 0, 0f, 0.5f, 150,
                Distillation.CONTRASTIVE, Regularisation.GPT, 500, 20);
    }

    public static PhiOptions preset(String name) {
        return switch (name) {
            case "isearle" -> isearle();
            case "searle" -> searle();
            default -> throw new IllegalArgumentException("unknown phi preset '" + name + "'; known: isearle, searle");
        };
    }

    public static final List<String> KEYS = List.of("epochs", "batch", "lr", "weight-decay", "tau", "lambda-distil",
            "lambda-gpt", "lambda-pen", "alpha", "clusters", "ema", "dropout", "top-k", "distil", "reg",
            "checkpoint-every", "max-bad-steps");

    public PhiOptions with(Map<String, String> overrides) {
        Map<String, String> m = describe();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                throw new IllegalArgumentException("unknown phi option '" + e.getKey() + "'; known: " + KEYS);
            }
            m.put(e.getKey(), e.getValue());
        }
        try {
            return new PhiOptions(Integer.parseInt(m.get("epochs")), Integer.parseInt(m.get("batch")),
                    Float.parseFloat(m.get("lr")), Float.parseFloat(m.get("weight-decay")), Float.parseFloat(m.get("tau")),
                    Float.parseFloat(m.get("lambda-distil")), Float.parseFloat(m.get("lambda-gpt")),
                    Float.parseFloat(m.get("lambda-pen")), Float.parseFloat(m.get("alpha")),
                    Integer.parseInt(m.get("clusters")), Float.parseFloat(m.get("ema")), Float.parseFloat(m.get("dropout")),
                    Integer.parseInt(m.get("top-k")), Distillation.parse(m.get("distil")), Regularisation.parse(m.get("reg")),
                    Integer.parseInt(m.get("checkpoint-every")), Integer.parseInt(m.get("max-bad-steps")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("phi options " + overrides + ": " + e.getMessage(), e);
        }
    }

    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("epochs", Integer.toString(epochs));
        m.put("batch", Integer.toString(batchSize));
        m.put("lr", Float.toString(learningRate));
        m.put("weight-decay", Float.toString(weightDecay));
        m.put("tau", Float.toString(tau));
        m.put("lambda-distil", Float.toString(lambdaDistil));
        m.put("lambda-gpt", Float.toString(lambdaGpt));
        m.put("lambda-pen", Float.toString(lambdaPen));
        m.put("alpha", Float.toString(alpha));
        m.put("clusters", Integer.toString(clusters));
        m.put("ema", Float.toString(emaDecay));
        m.put("dropout", Float.toString(dropout));
        m.put("top-k", Integer.toString(topK));
        m.put("distil", distil.name().toLowerCase());
        m.put("reg", regularisation.name().toLowerCase());
        m.put("checkpoint-every", Integer.toString(checkpointEvery));
        m.put("max-bad-steps", Integer.toString(maxBadSteps));
        return m;
    }
}
