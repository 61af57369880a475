package org.cir4j.methods.searle;

import org.cir4j.methods.ComposerContext;
import org.cir4j.methods.ComposerFactory;
import org.cir4j.methods.QueryComposer;

/** {@code isearle}: iSEARLE: φ network pseudo-word + caption, frozen CLIP text encoder. */
public final class IsearleComposerFactory implements ComposerFactory {
    @Override
    public String name() {
        return "isearle";
    }

    @Override
    public String description() {
        return "iSEARLE: φ network pseudo-word + caption, frozen CLIP text encoder";
    }

    @Override
    public boolean needsCheckpoint() {
        return true;
    }

    @Override
    public QueryComposer create(ComposerContext context) {
        return SearleComposers.phi(name(), "isearle", context);
    }
}
