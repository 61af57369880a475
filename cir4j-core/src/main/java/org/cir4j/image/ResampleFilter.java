package org.cir4j.image;

/**
 * Pillow's resampling filters ({@code Image.Resampling}) with the kernels and supports of
 * libImaging/Resample.c. {@link #NEAREST} has no kernel: Pillow samples it with an affine
 * transform instead (see {@link PillowResampler}).
 */
public enum ResampleFilter {
    NEAREST(0.0),
    BOX(0.5),
    BILINEAR(1.0),
    HAMMING(1.0),
    /** Keys' cubic convolution with a = −0.5, what CLIP's {@code Resize(..., BICUBIC)} uses. */
    BICUBIC(2.0),
    LANCZOS(3.0);

    private final double support;

    ResampleFilter(double support) {
        this.support = support;
    }

    /** Half-width of the kernel in source pixels before it is widened for downscaling. */
    double support() {
        return support;
    }

    /** Kernel value at {@code x}; expressions follow Resample.c term by term so doubles round alike. */
    double weight(double x) {
        switch (this) {
            case BOX:
                return x > -0.5 && x <= 0.5 ? 1.0 : 0.0;
            case BILINEAR:
                x = Math.abs(x);
                return x < 1.0 ? 1.0 - x : 0.0;
            case HAMMING:
                x = Math.abs(x);
                if (x == 0.0) {
                    return 1.0;
                }
                if (x >= 1.0) {
                    return 0.0;
                }
                x = x * Math.PI;
                // Resample.c writes these constants as C floats (0.54f, 0.46f).
                return Math.sin(x) / x * ((double) 0.54f + (double) 0.46f * Math.cos(x));
            case BICUBIC: {
                final double a = -0.5;
                x = Math.abs(x);
                if (x < 1.0) {
                    return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
                }
                if (x < 2.0) {
                    return (((x - 5) * x + 8) * x - 4) * a;
                }
                return 0.0;
            }
            case LANCZOS:
                return -3.0 <= x && x < 3.0 ? sinc(x) * sinc(x / 3) : 0.0;
            case NEAREST:
            default:
                throw new IllegalStateException(this + " has no convolution kernel");
        }
    }

    private static double sinc(double x) {
        if (x == 0.0) {
            return 1.0;
        }
        x = x * Math.PI;
        return Math.sin(x) / x;
    }
}
