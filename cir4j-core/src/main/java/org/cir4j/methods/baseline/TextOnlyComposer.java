package org.cir4j.methods.baseline;

import java.util.List;
import org.cir4j.methods.ComposerInput;
import org.cir4j.methods.QueryComposer;

/** Baseline ψT(T_r): the relative caption's CLIP text feature, L2-normalised; the reference image is ignored. */
public final class TextOnlyComposer implements QueryComposer {
    public static final String NAME = "text-only";

    private final TextFeatures text;

    TextOnlyComposer(TextFeatures text) {
        this.text = text;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public float[][] compose(List<ComposerInput> queries) {
        float[][] t = text.encode(queries, true);
        for (int q = 0; q < t.length; q++) {
            // Already unit length for one text; FashionIQ's both-orders mean is re-normalised inside encode too.
            t[q] = Vectors.normalized(t[q], "text feature of query " + q);
        }
        return t;
    }
}
