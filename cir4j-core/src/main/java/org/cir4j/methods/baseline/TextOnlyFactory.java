package org.cir4j.methods.baseline;

import java.util.Set;
import org.cir4j.methods.ComposerContext;
import org.cir4j.methods.ComposerFactory;
import org.cir4j.methods.QueryComposer;

/** {@code text-only}: see {@link TextOnlyComposer}. Option {@code fiq-captions=clip4cir|both-orders}. */
public final class TextOnlyFactory implements ComposerFactory {
    @Override
    public String name() {
        return TextOnlyComposer.NAME;
    }

    @Override
    public String description() {
        return "Baseline: the relative caption's CLIP text feature alone (reference image ignored). "
                + "Option fiq-captions=clip4cir|both-orders (FashionIQ caption joining; default clip4cir).";
    }

    @Override
    public QueryComposer create(ComposerContext context) {
        BaselineOptions.check(context, name(), Set.of(BaselineOptions.FIQ_CAPTIONS));
        return new TextOnlyComposer(BaselineOptions.textFeatures(context));
    }
}
