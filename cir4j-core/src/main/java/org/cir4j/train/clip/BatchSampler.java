package org.cir4j.train.clip;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Which pairs and which of their captions make up step {@code s}: a pure function of (seed, s), so a
 * resumed run sees exactly the batches the uninterrupted run would have seen.
 *
 * <p>Images are drawn epoch by epoch without replacement (a fresh seeded permutation per epoch; a batch
 * may straddle two epochs); each image's caption is drawn uniformly from its captions, as CLIP samples
 * one caption per image and step.
 *
 * <p>With hard negatives ({@code hard} > 0, a named deviation from CLIP, see {@link ConfusableGroups}), the
 * last {@code hard} slots of every batch are drawn from one confusable group: a pair is drawn at random (so
 * larger groups are chosen more often), then distinct members of its group not already in the batch, then
 * another group if that one runs out. The first {@code batch - hard} slots follow the epoch permutation as
 * before, so {@code hard = 0} is exactly the uniform sampler. No pair appears twice in a batch (a duplicate
 * would be its own false negative).
 */
final class BatchSampler {
    private final int size;
    private final int batch;
    private final long seed;
    private final int hard;
    private final int[][] members;
    private final int[] groups;
    private int cachedEpoch = -1;
    private int[] cachedPermutation;

    BatchSampler(int size, int batch, long seed) {
        this(size, batch, seed, null, 0);
    }

    /**
     * @param groups confusable group of every pair (or null when {@code hard} is 0)
     * @param hard slots per batch drawn from one group, in [0, batch)
     */
    BatchSampler(int size, int batch, long seed, int[] groups, int hard) {
        if (batch > size) {
            throw new IllegalArgumentException("batch " + batch + " exceeds the " + size + " training pairs");
        }
        if (hard < 0 || hard >= batch) {
            throw new IllegalArgumentException("hard-negative slots " + hard + " must be in [0, batch " + batch + ")");
        }
        if (hard > 0 && (groups == null || groups.length != size)) {
            throw new IllegalArgumentException("hard-negative batches need a group for each of the " + size
                    + " pairs, found " + (groups == null ? "none" : groups.length));
        }
        this.size = size;
        this.batch = batch;
        this.seed = seed;
        this.hard = hard;
        this.groups = groups;
        this.members = hard > 0 ? membersOf(groups) : null;
    }

    /** Pair indices of step {@code step}. */
    int[] indices(long step) {
        int[] out = new int[batch];
        int uniform = batch - hard;
        long pos = step * uniform;
        for (int i = 0; i < uniform; i++, pos++) {
            int epoch = (int) (pos / size);
            out[i] = permutation(epoch)[(int) (pos % size)];
        }
        if (hard > 0) {
            fillHard(step, out, uniform);
        }
        return out;
    }

    private void fillHard(long step, int[] out, int from) {
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < from; i++) {
            used.add(out[i]);
        }
        SplittableRandom rng = new SplittableRandom(mix(seed ^ 0x2545F4914F6CDD1DL, step));
        int filled = from;
        while (filled < out.length) {
            int[] group = members[groups[rng.nextInt(size)]].clone();
            // Lazy Fisher-Yates: a uniformly random order of the group's members, drawn as needed.
            for (int k = group.length - 1; k >= 0 && filled < out.length; k--) {
                int j = rng.nextInt(k + 1);
                int pick = group[j];
                group[j] = group[k];
                if (used.add(pick)) {
                    out[filled++] = pick;
                }
            }
        }
    }

    private static int[][] membersOf(int[] groups) {
        List<List<Integer>> lists = new ArrayList<>();
        for (int i = 0; i < groups.length; i++) {
            if (groups[i] < 0) {
                throw new IllegalArgumentException("pair " + i + " has a negative group id " + groups[i]);
            }
            while (lists.size() <= groups[i]) {
                lists.add(new ArrayList<>());
            }
            lists.get(groups[i]).add(i);
        }
        int[][] out = new int[lists.size()][];
        for (int g = 0; g < out.length; g++) {
            out[g] = lists.get(g).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    /** One caption per pair, drawn with the step's own generator. */
    String[] captions(long step, int[] indices, PretrainPairs pairs) {
        SplittableRandom rng = new SplittableRandom(mix(seed ^ 0x5DEECE66DL, step));
        String[] out = new String[indices.length];
        for (int i = 0; i < indices.length; i++) {
            List<String> c = pairs.captions(indices[i]);
            out[i] = c.get(rng.nextInt(c.size()));
        }
        return out;
    }

    private int[] permutation(int epoch) {
        if (epoch != cachedEpoch) {
            int[] p = new int[size];
            for (int i = 0; i < size; i++) {
                p[i] = i;
            }
            SplittableRandom rng = new SplittableRandom(mix(seed, epoch));
            for (int i = size - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            cachedEpoch = epoch;
            cachedPermutation = p;
        }
        return cachedPermutation;
    }

    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
