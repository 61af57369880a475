package org.cir4j.methods.baseline;

import java.util.List;
import org.cir4j.methods.ComposerInput;
import org.cir4j.methods.QueryComposer;

/** Baseline ψI(I_r): the reference image's gallery feature, L2-normalised; the caption is ignored. */
public final class ImageOnlyComposer implements QueryComposer {
    public static final String NAME = "image-only";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public float[][] compose(List<ComposerInput> queries) {
        float[][] out = new float[queries.size()][];
        for (int q = 0; q < queries.size(); q++) {
            float[] f = queries.get(q).referenceFeature();
            if (f == null) {
                throw new IllegalArgumentException("query " + q + " of the batch has no reference feature (" + queries.get(q).referenceImage() + ")");
            }
            out[q] = Vectors.normalized(f, "reference feature of " + queries.get(q).referenceImage());
        }
        return out;
    }
}
