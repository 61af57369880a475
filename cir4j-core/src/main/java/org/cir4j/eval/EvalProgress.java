package org.cir4j.eval;

/**
 * Progress of a long evaluation step, reported as (stage, done, total): the CLI draws one progress bar per stage.
 * Called on the evaluating thread; implementations must be cheap.
 */
@FunctionalInterface
public interface EvalProgress {
    EvalProgress NONE = (stage, done, total) -> {};

    void update(String stage, long done, long total);
}
