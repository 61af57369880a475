package org.cir4j.methods;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.cir4j.image.ImagePreprocessor;
import org.cir4j.model.ClipModel;
import org.cir4j.text.Tokenizer;

/**
 * What a {@link ComposerFactory} gets to build a composer: the CLIP whose image encoder made the
 * gallery features (its text encoder is the one composed queries go through), its tokenizer and
 * image preprocessing, the method's own trained weights (if it has any) and free-form options.
 *
 * @param model        the gallery-side CLIP (owned by the caller; composers must not close it)
 * @param tokenizer    the tokenizer that belongs to {@code model}
 * @param preprocessor the preprocessing the gallery was encoded with (composers that re-encode the
 *                     reference image use it)
 * @param checkpoint   the method's checkpoint directory (Combiner, φ, ISA query model), or {@code null}
 * @param options      method options as {@code key=value} strings (e.g. {@code gamma=0.5}); unknown keys
 *                     must be rejected by the factory with a clear message
 */
public record ComposerContext(ClipModel model, Tokenizer tokenizer, ImagePreprocessor preprocessor, Path checkpoint,
                              Map<String, String> options) {

    public ComposerContext {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(tokenizer, "tokenizer");
        Objects.requireNonNull(preprocessor, "preprocessor");
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** The checkpoint, or a clear error naming the method when it needs one and none was given. */
    public Path requireCheckpoint(String method) {
        if (checkpoint == null) {
            throw new IllegalArgumentException("method '" + method + "' needs its trained weights: pass --checkpoint DIR");
        }
        return checkpoint;
    }

    /** Fails if an option outside {@code known} was given (typos must not be silently ignored). */
    public void checkOptions(String method, java.util.Set<String> known) {
        for (String k : options.keySet()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException("method '" + method + "' has no option '" + k + "'; known: "
                        + new java.util.TreeSet<>(known));
            }
        }
    }
}
