package org.cir4j.methods.clip4cir;

/** Progress of a long stage, reported as (stage, done, total); the CLI draws it as a progress bar. */
@FunctionalInterface
public interface TrainingProgress {
    void update(String stage, long done, long total);

    TrainingProgress NONE = (s, d, t) -> {};
}
