package org.cir4j.methods;

import java.util.List;

/**
 * Turns composed queries (reference image + relative caption) into query vectors in the gallery's
 * embedding space. One implementation per method (image-only, text-only, sum, Combiner, pseudo-word,
 * image-to-sentence); the evaluator and the index never know which one made a vector.
 */
public interface QueryComposer extends AutoCloseable {

    /** Short, stable name used in reports and file names (e.g. {@code "sum"}, {@code "searle-phi"}). */
    String name();

    /** Batch of composed query vectors, L2-normalised, one row per query. */
    float[][] compose(List<ComposerInput> queries);

    @Override
    default void close() {}
}
