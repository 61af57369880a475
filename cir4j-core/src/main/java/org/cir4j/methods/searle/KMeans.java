package org.cir4j.methods.searle;

import java.util.SplittableRandom;

/**
 * Lloyd's k-means with k-means++ seeding, on L2-normalised features (the hard-negative clusters of
 * iSEARLE's φ training: "an a priori K-Means clustering of the visual features"). Deterministic in the seed.
 */
public final class KMeans {
    private KMeans() {}

    /** Cluster index per row. */
    public static int[] cluster(float[][] features, int k, int iterations, long seed) {
        int n = features.length;
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k-means: k must lie in [1, " + n + "], found " + k);
        }
        float[][] x = new float[n][];
        for (int i = 0; i < n; i++) {
            x[i] = Nd.normalized(features[i]);
        }
        int d = x[0].length;
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] centres = new float[k][];
        centres[0] = x[rng.nextInt(n)].clone();
        double[] dist = new double[n];
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                double best = Double.MAX_VALUE;
                for (int j = 0; j < c; j++) {
                    best = Math.min(best, sq(x[i], centres[j]));
                }
                dist[i] = best;
                total += best;
            }
            double r = rng.nextDouble() * total;
            int pick = n - 1;
            for (int i = 0; i < n; i++) {
                r -= dist[i];
                if (r <= 0) {
                    pick = i;
                    break;
                }
            }
            centres[c] = x[pick].clone();
        }
        int[] assign = new int[n];
        for (int it = 0; it < iterations; it++) {
            boolean changed = false;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bestD = Double.MAX_VALUE;
                for (int c = 0; c < k; c++) {
                    double dd = sq(x[i], centres[c]);
                    if (dd < bestD) {
                        bestD = dd;
                        best = c;
                    }
                }
                if (assign[i] != best || it == 0) {
                    changed |= assign[i] != best;
                    assign[i] = best;
                }
            }
            float[][] sums = new float[k][d];
            int[] counts = new int[k];
            for (int i = 0; i < n; i++) {
                counts[assign[i]]++;
                for (int j = 0; j < d; j++) {
                    sums[assign[i]][j] += x[i][j];
                }
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] > 0) {
                    for (int j = 0; j < d; j++) {
                        sums[c][j] /= counts[c];
                    }
                    centres[c] = sums[c];
                }
            }
            if (!changed && it > 0) {
                break;
            }
        }
        return assign;
    }

    private static double sq(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double t = a[i] - b[i];
            s += t * t;
        }
        return s;
    }
}
