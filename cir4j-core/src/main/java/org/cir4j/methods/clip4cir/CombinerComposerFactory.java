package org.cir4j.methods.clip4cir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.cir4j.methods.ComposerContext;
import org.cir4j.methods.ComposerFactory;
import org.cir4j.methods.QueryComposer;

/**
 * {@code --method combiner --checkpoint DIR}: a trained CLIP4Cir Combiner ({@link CombinerCheckpoint}). The CLIP
 * given as {@code --model} must be the one the Combiner was trained on — for a checkpoint made after stage-1
 * fine-tuning that is {@code DIR/clip}, with which the gallery must be encoded too; anything else is refused
 * with both fingerprints.
 */
public final class CombinerComposerFactory implements ComposerFactory {

    @Override
    public String name() {
        return CombinerCheckpoint.METHOD;
    }

    @Override
    public String description() {
        return "CLIP4Cir Combiner over (fine-tuned) CLIP features (supervised; --model must be the checkpoint's CLIP, DIR/clip after fine-tuning)";
    }

    @Override
    public boolean needsCheckpoint() {
        return true;
    }

    @Override
    public QueryComposer create(ComposerContext context) {
        context.checkOptions(name(), Set.of());
        try {
            CombinerCheckpoint.Info info = CombinerCheckpoint.read(context.requireCheckpoint(name()));
            CombinerCheckpoint.requireBaseModel(info, context.model());
            if (info.galleryModel() != null) {
                System.err.println("combiner: this checkpoint uses the FINE-TUNED CLIP " + info.galleryModelDir()
                        + " (verified: the given --model matches it); the gallery must be encoded with it as well");
            }
            String mismatch = CombinerCheckpoint.preprocessMismatch(info, context.preprocessor());
            if (mismatch != null) {
                System.err.println("WARNING: " + mismatch);
            }
            Combiner combiner = CombinerCheckpoint.load(info, context.model().manager());
            return new CombinerComposer(name() + "-" + info.config().variant().id(), combiner, true, context.model(),
                    context.tokenizer());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load Combiner checkpoint " + context.checkpoint() + ": " + e.getMessage(), e);
        }
    }
}
