package org.cir4j.methods.clip4cir;

import java.util.Arrays;
import java.util.Locale;

/**
 * The combining functions of CLIP4Cir's ablation (paper Tables 3–4), with ψI, ψT the raw (un-normalised)
 * image and text features, λ the output of the Combiner's sigmoid branch and v its residual branch. Every
 * output is L2-normalised.
 */
public enum CombinerVariant {
    /** Element-wise sum: {@code normalise(ψI + ψT)} (the reference's {@code element_wise_sum}); nothing to train. */
    SUM("sum", false, false, false),
    /** Convex combination only: {@code normalise((1−λ)ψI + λψT)}. */
    CONVEX("convex", true, true, false),
    /** Without the convex combination: {@code normalise(v)}. */
    WITHOUT_CONVEX("without-convex", true, false, true),
    /** Static skip, λ fixed to 0.5: {@code normalise(0.5ψI + 0.5ψT + v)}. */
    STATIC_SKIP("static-skip", true, false, true),
    /** The proposed Combiner (paper Fig. 4, reference {@code combiner.py}): {@code normalise((1−λ)ψI + λψT + v)}. */
    FULL("full", true, true, true);

    private final String id;
    private final boolean projections;
    private final boolean dynamicScalar;
    private final boolean residual;

    CombinerVariant(String id, boolean projections, boolean dynamicScalar, boolean residual) {
        this.id = id;
        this.projections = projections;
        this.dynamicScalar = dynamicScalar;
        this.residual = residual;
    }

    /** Name in configs and on the command line. */
    public String id() {
        return id;
    }

    /** Whether the variant has the two input projections (every variant except {@link #SUM}). */
    public boolean hasProjections() {
        return projections;
    }

    /** Whether λ is learned (the {@code dynamic_scalar} branch). */
    public boolean hasDynamicScalar() {
        return dynamicScalar;
    }

    /** Whether the residual branch v ({@code combiner_layer}, {@code output_layer}) exists. */
    public boolean hasResidual() {
        return residual;
    }

    /** Whether there is anything to train. */
    public boolean isTrainable() {
        return projections;
    }

    public static CombinerVariant fromId(String id) {
        String key = id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (CombinerVariant v : values()) {
            if (v.id.equals(key)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown Combiner variant '" + id + "'; known: "
                + Arrays.stream(values()).map(CombinerVariant::id).toList());
    }
}
