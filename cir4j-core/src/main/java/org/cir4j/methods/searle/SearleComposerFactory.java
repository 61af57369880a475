package org.cir4j.methods.searle;

import org.cir4j.methods.ComposerContext;
import org.cir4j.methods.ComposerFactory;
import org.cir4j.methods.QueryComposer;

/** {@code searle}: SEARLE (conference): φ network pseudo-word + caption, frozen CLIP text encoder. */
public final class SearleComposerFactory implements ComposerFactory {
    @Override
    public String name() {
        return "searle";
    }

    @Override
    public String description() {
        return "SEARLE (conference): φ network pseudo-word + caption, frozen CLIP text encoder";
    }

    @Override
    public boolean needsCheckpoint() {
        return true;
    }

    @Override
    public QueryComposer create(ComposerContext context) {
        return SearleComposers.phi(name(), "searle", context);
    }
}
