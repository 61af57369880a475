package org.cir4j.train.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The global L2 norm of the parameters' gradients, and which parameters hold a non-finite gradient.
 *
 * <p>Why the names: the shipped mini-CLIP run skipped 3 of 1000 steps whose loss was finite but whose
 * gradient norm was NaN (docs/mini-clip-diagnosis.md). A bare "gradient norm NaN" does not say which op
 * produced it; the parameters whose gradient is non-finite (e.g. only {@code text_model.*}, or only
 * {@code visual_projection}) narrow it down to a tower and a layer the next time it happens.
 *
 * @param norm the global gradient norm (NaN or infinity if any gradient is)
 * @param nonFinite names of the parameters whose gradient holds a NaN or an infinity, in iteration order
 */
public record GradientNorm(double norm, List<String> nonFinite) {

    /**
     * Measures the gradients of {@code params}; parameters without a gradient are ignored.
     *
     * @param params named parameters (their gradients are read, not changed)
     * @param scratch manager that owns the temporary arrays (the caller closes it)
     */
    public static GradientNorm of(Map<String, NDArray> params, NDManager scratch) {
        double sq = 0;
        List<String> bad = new ArrayList<>();
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray p = e.getValue();
            if (!p.hasGradient()) {
                continue;
            }
            NDArray g = p.getGradient();
            g.attach(scratch);
            // Summed in float64: a float32 sum of squares overflows to infinity long before any entry does.
            double s = g.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).square().sum().getDouble();
            if (!Double.isFinite(s)) {
                bad.add(e.getKey());
            }
            sq += s;
        }
        return new GradientNorm(Math.sqrt(sq), List.copyOf(bad));
    }
}
