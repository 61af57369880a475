package org.cir4j.methods;

/**
 * Builds one kind of {@link QueryComposer}. Implementations are found with {@link java.util.ServiceLoader}:
 * list the class in {@code META-INF/services/org.cir4j.methods.ComposerFactory} and it appears in
 * {@link ComposerRegistry}, the CLI's {@code --method}, the evaluator and the server.
 */
public interface ComposerFactory {

    /** The method name users type ({@code image-only}, {@code sum}, {@code combiner}, {@code isearle}, …). */
    String name();

    /** One line for {@code --help} and the web page. */
    String description();

    /** Whether {@link ComposerContext#checkpoint()} is required. */
    default boolean needsCheckpoint() {
        return false;
    }

    /** A ready composer; the caller closes it. */
    QueryComposer create(ComposerContext context);
}
