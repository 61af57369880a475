package org.cir4j.methods.searle;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Batches for φ training. With α > 0 (iSEARLE's hard-negative sampling) each batch takes ⌊α·B⌋ images
 * from one k-means cluster (drawn in proportion to cluster size; all of it if smaller) and fills the
 * rest with images drawn at random from the whole set; with α = 0 (SEARLE) batches are consecutive
 * slices of a random permutation. An epoch is ⌊N/B⌋ batches (the reference loader drops the last partial one),
 * at least one.
 */
public final class HardNegativeBatches {
    private final int[] clusters;
    private final List<List<Integer>> members = new ArrayList<>();
    private final int batchSize;
    private final float alpha;
    private final int n;

    public HardNegativeBatches(int[] clusters, int batchSize, float alpha) {
        this.clusters = clusters;
        this.batchSize = batchSize;
        this.alpha = alpha;
        this.n = clusters == null ? 0 : clusters.length;
        if (clusters != null) {
            int k = 0;
            for (int c : clusters) {
                k = Math.max(k, c + 1);
            }
            for (int c = 0; c < k; c++) {
                members.add(new ArrayList<>());
            }
            for (int i = 0; i < clusters.length; i++) {
                members.get(clusters[i]).add(i);
            }
        }
    }

    public static int batchesPerEpoch(int n, int batchSize) {
        return Math.max(1, n / batchSize);
    }

    /** The batches of one epoch over {@code count} images. */
    public List<int[]> epoch(int count, SplittableRandom rng) {
        int b = Math.min(batchSize, count);
        int batches = batchesPerEpoch(count, b);
        List<int[]> out = new ArrayList<>(batches);
        if (alpha <= 0 || clusters == null) {
            int[] perm = permutation(count, rng);
            for (int i = 0; i < batches; i++) {
                int[] batch = new int[b];
                System.arraycopy(perm, i * b, batch, 0, b);
                out.add(batch);
            }
            return out;
        }
        if (count != n) {
            throw new IllegalArgumentException("clusters cover " + n + " images, asked for " + count);
        }
        int hard = (int) Math.floor(alpha * b);
        for (int i = 0; i < batches; i++) {
            Set<Integer> batch = new LinkedHashSet<>();
            List<Integer> cluster = members.get(clusters[rng.nextInt(n)]);
            List<Integer> pool = new ArrayList<>(cluster);
            for (int j = 0; j < hard && !pool.isEmpty(); j++) {
                batch.add(pool.remove(rng.nextInt(pool.size())));
            }
            while (batch.size() < b) {
                batch.add(rng.nextInt(count));
            }
            out.add(batch.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
