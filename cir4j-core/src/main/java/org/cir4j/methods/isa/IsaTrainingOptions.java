package org.cir4j.methods.isa;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Hyper-parameters of {@link IsaTrainer}. The loss is
 * {@code gcdWeight·L_GCD + wordWeight·L_word + localWeight·L_local} (see {@link IsaLosses}).
 *
 * @param steps           optimiser steps
 * @param batchSize       images per step (also the InfoNCE negatives: batch − 1 per image)
 * @param learningRate    AdamW peak learning rate (linear warm-up, cosine decay to 0)
 * @param weightDecay     AdamW decoupled weight decay (not on norms, biases, queries, positions)
 * @param warmupSteps     linear warm-up steps
 * @param temperature     InfoNCE temperature τ of the global contrastive distillation
 * @param gcdWeight       weight of L_GCD (0 switches it off: the GCD ablation)
 * @param wordWeight      weight of the word-manifold term of LAR
 * @param localWeight     weight of the local (attention ↔ patch) term of LAR; token learner only
 * @param seed            initialisation and data order
 * @param checkpointEvery steps between resumable checkpoints
 * @param maxBadSteps     non-finite losses tolerated (each skips its step) before the run fails
 * @param gptWeight       weight of the optional GPT-phrase regularisation (0 = off; needs a {@link org.cir4j.methods.searle.PhraseBank})
 * @param gptTopK         concepts kept per image for it (iSEARLE's k)
 */
public record IsaTrainingOptions(int steps, int batchSize, float learningRate, float weightDecay, int warmupSteps,
                                 float temperature, float gcdWeight, float wordWeight, float localWeight, long seed,
                                 int checkpointEvery, int maxBadSteps, float gptWeight, int gptTopK) {

    public IsaTrainingOptions {
        if (steps < 1 || batchSize < 2) {
            throw new IllegalArgumentException("ISA training needs steps >= 1 and batch >= 2 (InfoNCE needs negatives), found steps="
                    + steps + " batch=" + batchSize);
        }
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, found " + temperature);
        }
        if (gptWeight < 0 || (gptWeight > 0 && gptTopK < 1)) {
            throw new IllegalArgumentException("gpt weight must be >= 0 (and top-k >= 1 when used), found weight=" + gptWeight
                    + " k=" + gptTopK);
        }
        if (gcdWeight < 0 || wordWeight < 0 || localWeight < 0 || gcdWeight + wordWeight + localWeight + gptWeight == 0) {
            throw new IllegalArgumentException("loss weights must be >= 0 and not all 0, found gcd=" + gcdWeight
                    + " word=" + wordWeight + " local=" + localWeight);
        }
        if (warmupSteps < 0 || warmupSteps >= steps) {
            warmupSteps = Math.min(Math.max(warmupSteps, 0), steps - 1);
        }
        if (checkpointEvery < 1) {
            throw new IllegalArgumentException("checkpoint interval must be >= 1, found " + checkpointEvery);
        }
    }

    /** Defaults: 2000 steps of 64, AdamW 1e-3 / wd 0.01, 100 warm-up steps, τ = 0.05, weights 1 / 0.1 / 0.5, GPT off. */
    public static IsaTrainingOptions defaults() {
        return new IsaTrainingOptions(2000, 64, 1e-3f, 0.01f, 100, 0.05f, 1f, 0.1f, 0.5f, 0, 200, 20, 0f, 15);
    }

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("steps", steps);
        n.put("batch_size", batchSize);
        n.put("learning_rate", learningRate);
        n.put("weight_decay", weightDecay);
        n.put("warmup_steps", warmupSteps);
        n.put("temperature", temperature);
        n.put("gcd_weight", gcdWeight);
        n.put("word_weight", wordWeight);
        n.put("local_weight", localWeight);
        n.put("seed", seed);
        n.put("gpt_weight", gptWeight);
        n.put("gpt_top_k", gptTopK);
        return n;
    }
}
