package org.cir4j.world;

/**
 * Receives generation progress. Calls are serialised by the generator (never concurrent), so an
 * implementation need not be thread-safe; they may come from worker threads.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (stage, done, total) -> { };

    /**
     * @param stage a short human-readable name, e.g. {@code "shapes: rendering"}
     * @param done  units finished in this stage
     * @param total units in this stage
     */
    void update(String stage, long done, long total);
}
