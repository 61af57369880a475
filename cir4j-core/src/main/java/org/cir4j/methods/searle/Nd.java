package org.cir4j.methods.searle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.cir4j.model.ClipModel;
import org.cir4j.model.ClipOps;

/** Small NDArray helpers shared by OTI, φ and the losses. */
final class Nd {
    private Nd() {}

    /** An array PyTorch owns, built from Java data: {@link ClipOps#ownedFloats} (see there why). */
    static NDArray floats(NDManager manager, float[] data, Shape shape) {
        return ClipOps.ownedFloats(manager, data, shape);
    }

    static NDArray floats(NDManager manager, float[][] rows) {
        int n = rows.length;
        int d = rows[0].length;
        float[] flat = new float[n * d];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " values, expected " + d);
            }
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return floats(manager, flat, new Shape(n, d));
    }

    /** {@link ClipOps#ownedLongs}. */
    static NDArray longs(NDManager manager, long[] data, Shape shape) {
        return ClipOps.ownedLongs(manager, data, shape);
    }

    /** Row-wise cosine similarity of two (B,d) arrays: (B). */
    static NDArray rowCosine(NDArray a, NDArray b) {
        return ClipModel.l2Normalize(a).mul(ClipModel.l2Normalize(b)).sum(new int[] {1});
    }

    /** (n,d) array to rows. */
    static float[][] rows(NDArray a) {
        int n = (int) a.getShape().get(0);
        int d = (int) a.getShape().get(1);
        float[] flat = a.toFloatArray();
        float[][] out = new float[n][d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * d, out[i], 0, d);
        }
        return out;
    }

    /**
     * A standard normal sample (Box–Muller with StrictMath). Not {@code nextGaussian()}: its Math.log/exp
     * intrinsics may differ from the interpreter by an ulp once the JIT compiles them, so identical runs
     * in one JVM could diverge.
     */
    static double gaussian(java.util.SplittableRandom rng) {
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    static float[] normalized(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        float inv = (float) (1 / Math.sqrt(Math.max(s, 1e-30)));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }
}
