package org.cir4j.methods.baseline;

/** L2 arithmetic on feature rows (small, allocation-light helpers for the baseline composers). */
final class Vectors {
    private Vectors() {}

    /** A unit-length copy of {@code v}; a zero or non-finite vector cannot be ranked by cosine and is an error. */
    static float[] normalized(float[] v, String what) {
        double ss = 0;
        for (float x : v) {
            ss += (double) x * x;
        }
        if (!(ss > 0) || Double.isInfinite(ss)) {
            throw new IllegalArgumentException(what + " has L2 norm " + Math.sqrt(ss) + "; cannot normalise it");
        }
        double inv = 1.0 / Math.sqrt(ss);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * inv);
        }
        return out;
    }

    /** {@code a + b} (same length required). */
    static float[] sum(float[] a, float[] b, String what) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(what + ": cannot add vectors of length " + a.length + " and " + b.length
                    + " (image and text features must share the embedding size)");
        }
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }
}
