package org.cir4j.train;

import ai.djl.training.tracker.CosineTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;

/** Linear warm-up then cosine decay (CLIP's schedule), built from DJL's trackers; stateless in the step. */
public final class LearningRateSchedule {
    private final Tracker tracker;
    private final float peak;

    public LearningRateSchedule(float peak, int warmupSteps, int totalSteps, float finalValue) {
        if (totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("total steps (" + totalSteps + ") must exceed warm-up steps (" + warmupSteps + ")");
        }
        this.peak = peak;
        Tracker cosine = CosineTracker.builder()
                .setBaseValue(peak)
                .optFinalValue(finalValue)
                .setMaxUpdates(totalSteps - warmupSteps)
                .build();
        this.tracker = warmupSteps == 0
                ? cosine
                : WarmUpTracker.builder()
                        .setMainTracker(cosine)
                        .optWarmUpBeginValue(0f)
                        .optWarmUpSteps(warmupSteps)
                        .optWarmUpMode(WarmUpTracker.Mode.LINEAR)
                        .build();
    }

    /** Learning rate for the update numbered {@code step} (0-based). */
    public float at(int step) {
        return Math.min(peak, tracker.getNewValue(step));
    }
}
