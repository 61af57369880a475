package org.cir4j.methods.baseline;

import java.util.Set;
import org.cir4j.methods.ComposerContext;
import org.cir4j.methods.ComposerFactory;
import org.cir4j.methods.QueryComposer;

/** {@code image-only}: see {@link ImageOnlyComposer}. No options. */
public final class ImageOnlyFactory implements ComposerFactory {
    @Override
    public String name() {
        return ImageOnlyComposer.NAME;
    }

    @Override
    public String description() {
        return "Baseline: the reference image's CLIP feature alone (caption ignored).";
    }

    @Override
    public QueryComposer create(ComposerContext context) {
        BaselineOptions.check(context, name(), Set.of());
        return new ImageOnlyComposer();
    }
}
