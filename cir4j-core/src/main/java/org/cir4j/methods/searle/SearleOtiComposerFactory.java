package org.cir4j.methods.searle;

import org.cir4j.methods.ComposerContext;
import org.cir4j.methods.ComposerFactory;
import org.cir4j.methods.QueryComposer;

/** {@code searle-oti}: SEARLE-OTI: optimisation-based textual inversion of the reference + caption. */
public final class SearleOtiComposerFactory implements ComposerFactory {
    @Override
    public String name() {
        return "searle-oti";
    }

    @Override
    public String description() {
        return "SEARLE-OTI: optimisation-based textual inversion of the reference + caption";
    }

    @Override
    public boolean needsCheckpoint() {
        return false;
    }

    @Override
    public QueryComposer create(ComposerContext context) {
        return SearleComposers.oti(name(), "searle", context);
    }
}
