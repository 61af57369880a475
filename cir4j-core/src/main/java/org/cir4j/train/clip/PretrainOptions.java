package org.cir4j.train.clip;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Hyper-parameters of one mini-CLIP pretraining run. Defaults follow CLIP's recipe where it applies at
 * this scale: AdamW β=(0.9, 0.98), ε=1e-6, weight decay 0.2 (not on gains, biases, the class embedding
 * or the logit scale), linear warm-up then cosine decay to 0, logit scale initialised at ln(1/0.07) and
 * clamped to [0, ln 100]. The learning rate is higher than CLIP's 5e-4 at batch 32k because this model
 * is ~50× narrower and the batch 250× smaller (small transformers tolerate and need larger steps).
 *
 * @param config named architecture ({@link MiniClipConfigs#names()})
 * @param steps total optimizer steps (the schedule's length)
 * @param batch pairs per step
 * @param learningRate peak learning rate
 * @param warmupSteps linear warm-up steps
 * @param weightDecay decoupled weight decay of the decayed parameters
 * @param seed initialisation, data order and caption choice
 * @param heldOut pretrain records per domain kept out of training (the report's retrieval gallery)
 * @param checkpointEvery steps between checkpoints (and exports of the model directory)
 * @param keepCheckpoints how many training checkpoints to keep
 * @param maxBadSteps steps with a non-finite loss or gradient that are skipped before the run fails
 * @param hardNegativeFraction share of every batch drawn from one confusable group (same background and
 *        main colour, see {@link ConfusableGroups}); 0 is CLIP's uniform sampling. A named deviation: it
 *        breaks the colour/background shortcut that a small model otherwise takes for thousands of steps
 *        (docs/mini-clip-diagnosis.md)
 */
public record PretrainOptions(
        @JsonProperty("config") String config,
        @JsonProperty("steps") int steps,
        @JsonProperty("batch") int batch,
        @JsonProperty("learning_rate") float learningRate,
        @JsonProperty("warmup_steps") int warmupSteps,
        @JsonProperty("weight_decay") float weightDecay,
        @JsonProperty("seed") long seed,
        @JsonProperty("held_out") int heldOut,
        @JsonProperty("checkpoint_every") int checkpointEvery,
        @JsonProperty("keep_checkpoints") int keepCheckpoints,
        @JsonProperty("max_bad_steps") int maxBadSteps,
        @JsonProperty("hard_negative_fraction") float hardNegativeFraction) {

    public static final float BETA1 = 0.9f;
    public static final float BETA2 = 0.98f;
    public static final float ADAM_EPS = 1e-6f;
    /** CLIP clamps the learned logit scale to at most ln 100 (temperature ≥ 0.01). */
    public static final float MAX_LOGIT_SCALE = (float) Math.log(100);

    public PretrainOptions {
        if (steps < 1 || batch < 2 || warmupSteps < 0 || warmupSteps >= steps || checkpointEvery < 1
                || keepCheckpoints < 1 || maxBadSteps < 0 || heldOut < 0) {
            throw new IllegalArgumentException("invalid pretraining options: steps " + steps + " (>= 1), batch " + batch
                    + " (>= 2), warm-up " + warmupSteps + " (0 <= w < steps), checkpoint every " + checkpointEvery
                    + " (>= 1), keep " + keepCheckpoints + " (>= 1), max bad steps " + maxBadSteps
                    + " (>= 0), held out " + heldOut + " (>= 0)");
        }
        if (!(hardNegativeFraction >= 0 && hardNegativeFraction <= 1)) {
            throw new IllegalArgumentException("hard-negative fraction must be in [0, 1], found " + hardNegativeFraction);
        }
        if (!(learningRate > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("learning rate must be > 0 and weight decay >= 0, found "
                    + learningRate + " and " + weightDecay);
        }
    }

    /** Defaults for {@code config}, {@code steps} and {@code batch}: lr 1e-3, warm-up 5 % of the steps. */
    public static PretrainOptions defaults(String config, int steps, int batch, long seed) {
        return new PretrainOptions(config, steps, batch, 1e-3f, Math.max(0, Math.min(500, steps / 20)), 0.2f, seed,
                1000, 250, 2, 20, 0f);
    }

    public PretrainOptions withHeldOut(int n) {
        return new PretrainOptions(config, steps, batch, learningRate, warmupSteps, weightDecay, seed, n,
                checkpointEvery, keepCheckpoints, maxBadSteps, hardNegativeFraction);
    }

    public PretrainOptions withCheckpointEvery(int n) {
        return new PretrainOptions(config, steps, batch, learningRate, warmupSteps, weightDecay, seed, heldOut, n,
                keepCheckpoints, maxBadSteps, hardNegativeFraction);
    }

    public PretrainOptions withLearningRate(float lr, int warmup) {
        return new PretrainOptions(config, steps, batch, lr, warmup, weightDecay, seed, heldOut, checkpointEvery,
                keepCheckpoints, maxBadSteps, hardNegativeFraction);
    }

    public PretrainOptions withHardNegativeFraction(float f) {
        return new PretrainOptions(config, steps, batch, learningRate, warmupSteps, weightDecay, seed, heldOut,
                checkpointEvery, keepCheckpoints, maxBadSteps, f);
    }
}
