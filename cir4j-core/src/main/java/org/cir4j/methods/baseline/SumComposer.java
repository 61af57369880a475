package org.cir4j.methods.baseline;

import java.util.List;
import org.cir4j.methods.ComposerInput;
import org.cir4j.methods.QueryComposer;

/**
 * Baseline image+text: normalise(normalise(ψI(I_r)) + normalise(ψT(T_r))) (the "sum" row of every table), or with
 * {@code parts=raw} normalise(ψI(I_r) + ψT(T_r)) on raw features, which is CLIP4Cir's {@code element_wise_sum}
 * (its stage-1 φq).
 */
public final class SumComposer implements QueryComposer {
    public static final String NAME = "sum";

    private final TextFeatures text;
    private final boolean normalizeParts;

    SumComposer(TextFeatures text, boolean normalizeParts) {
        this.text = text;
        this.normalizeParts = normalizeParts;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public float[][] compose(List<ComposerInput> queries) {
        float[][] t = text.encode(queries, normalizeParts);
        float[][] out = new float[queries.size()][];
        for (int q = 0; q < queries.size(); q++) {
            ComposerInput in = queries.get(q);
            if (in.referenceFeature() == null) {
                throw new IllegalArgumentException("query " + q + " of the batch has no reference feature (" + in.referenceImage() + ")");
            }
            float[] image = normalizeParts ? Vectors.normalized(in.referenceFeature(), "reference feature of " + in.referenceImage())
                    : in.referenceFeature();
            out[q] = Vectors.normalized(Vectors.sum(image, t[q], "query " + q), "composed feature of query " + q);
        }
        return out;
    }
}
