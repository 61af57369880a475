package org.cir4j.methods.isa;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;
import org.cir4j.methods.ComposerContext;
import org.cir4j.methods.ComposerFactory;
import org.cir4j.methods.QueryComposer;

/**
 * {@code --method isa}: ISA's image-to-sentence composer. Option {@code mode=asymmetric|symmetric}
 * states which variant the caller expects; it must match what the checkpoint was trained as (an
 * asymmetric checkpoint holds the light CNN, a symmetric one reads the large CLIP's patch tokens), and a
 * mismatch fails naming both. Without the option the checkpoint's own mode is used.
 */
public final class IsaComposerFactory implements ComposerFactory {

    public static final String ASYMMETRIC = "asymmetric";
    public static final String SYMMETRIC = "symmetric";

    @Override
    public String name() {
        return "isa";
    }

    @Override
    public String description() {
        return "ISA (zero-shot, asymmetric): light CNN + adaptive token learner -> 'a photo of $..$ that {caption}' "
                + "(option mode=asymmetric|symmetric)";
    }

    @Override
    public boolean needsCheckpoint() {
        return true;
    }

    @Override
    public QueryComposer create(ComposerContext context) {
        context.checkOptions(name(), Set.of("mode"));
        Path dir = context.requireCheckpoint(name());
        IsaCheckpoint.Loaded loaded;
        try {
            loaded = IsaCheckpoint.load(dir, context.model().manager());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load ISA checkpoint " + dir + ": " + e.getMessage(), e);
        }
        try {
            loaded.base().requireSame(BaseModelIdentity.of(context.model()), "ISA checkpoint " + dir);
            String actual = loaded.model().config().isLight() ? ASYMMETRIC : SYMMETRIC;
            String wanted = context.options().getOrDefault("mode", actual);
            if (!wanted.equals(ASYMMETRIC) && !wanted.equals(SYMMETRIC)) {
                throw new IllegalArgumentException("isa: mode must be " + ASYMMETRIC + " or " + SYMMETRIC + ", found '" + wanted + "'");
            }
            if (!wanted.equals(actual)) {
                throw new IllegalArgumentException("isa: mode=" + wanted + " was asked for, but " + dir + " holds a " + actual
                        + " model (train it with" + (wanted.equals(SYMMETRIC) ? "" : "out") + " --symmetric)");
            }
            return new IsaComposer(actual.equals(ASYMMETRIC) ? "isa" : "isa-symmetric", context.model(), context.tokenizer(),
                    loaded.model());
        } catch (RuntimeException e) {
            loaded.model().close();
            throw e;
        }
    }
}
