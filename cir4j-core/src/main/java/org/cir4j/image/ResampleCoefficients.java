package org.cir4j.image;

/**
 * Fixed-point filter taps for one axis, as Resample.c's {@code precompute_coeffs} followed by
 * {@code normalize_coeffs_8bpc}, for the output positions {@code first .. first + count - 1}.
 * Each output position's taps depend only on that position, so computing a sub-range gives exactly
 * the taps of the full resize (which is how {@link PillowResampler} fuses resize and crop).
 */
final class ResampleCoefficients {

    /** Pillow: 8 bits for the result, 2 for overflow of negative lobes and sums above 1. */
    static final int PRECISION_BITS = 32 - 8 - 2;

    /** First source index of each output position (relative to {@code first}). */
    final int[] min;
    /** Number of source samples each output position reads. */
    final int[] size;
    /** Taps, {@code ksize} per output position. */
    final int[] taps;
    final int ksize;

    private ResampleCoefficients(int[] min, int[] size, int[] taps, int ksize) {
        this.min = min;
        this.size = size;
        this.taps = taps;
        this.ksize = ksize;
    }

    static ResampleCoefficients compute(int inSize, int outSize, ResampleFilter filter, int first, int count) {
        // Resample.c: filterscale = scale = (double)(in1 - in0) / outSize, with in0 = 0, in1 = inSize.
        double scale = (double) inSize / outSize;
        double filterscale = Math.max(scale, 1.0);
        double support = filter.support() * filterscale;
        int ksize = (int) Math.ceil(support) * 2 + 1;
        if ((long) count * ksize > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(
                    "resampling %d -> %d needs %d taps for %d outputs, too many", inSize, outSize, ksize, count));
        }
        int[] min = new int[count];
        int[] size = new int[count];
        int[] taps = new int[count * ksize];
        double[] k = new double[ksize];
        double ss = 1.0 / filterscale;
        for (int i = 0; i < count; i++) {
            int xx = first + i;
            double center = (xx + 0.5) * scale;
            double ww = 0.0;
            int xmin = (int) (center - support + 0.5);
            if (xmin < 0) {
                xmin = 0;
            }
            int xmax = (int) (center + support + 0.5);
            if (xmax > inSize) {
                xmax = inSize;
            }
            xmax -= xmin;
            for (int x = 0; x < xmax; x++) {
                double w = filter.weight((x + xmin - center + 0.5) * ss);
                k[x] = w;
                ww += w;
            }
            for (int x = 0; x < xmax; x++) {
                if (ww != 0.0) {
                    k[x] /= ww;
                }
                // normalize_coeffs_8bpc: round half away from zero into fixed point.
                double v = k[x] * (1 << PRECISION_BITS);
                taps[i * ksize + x] = (int) (k[x] < 0 ? -0.5 + v : 0.5 + v);
            }
            min[i] = xmin;
            size[i] = xmax;
        }
        return new ResampleCoefficients(min, size, taps, ksize);
    }
}
