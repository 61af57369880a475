package org.cir4j.methods.searle;

import org.cir4j.methods.ComposerContext;
import org.cir4j.methods.ComposerFactory;
import org.cir4j.methods.QueryComposer;

/** {@code isearle-oti}: iSEARLE-OTI: OTI with noise γ of the reference + caption. */
public final class IsearleOtiComposerFactory implements ComposerFactory {
    @Override
    public String name() {
        return "isearle-oti";
    }

    @Override
    public String description() {
        return "iSEARLE-OTI: OTI with noise γ of the reference + caption";
    }

    @Override
    public boolean needsCheckpoint() {
        return false;
    }

    @Override
    public QueryComposer create(ComposerContext context) {
        return SearleComposers.oti(name(), "isearle", context);
    }
}
