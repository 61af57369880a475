package org.cir4j.train.clip;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Which pairs and which of their captions make up step {@code s}: a pure function of (seed, s), so a
 * resumed run sees exactly the batches the uninterrupted run would have seen.
 *
 * <p>Images are drawn epoch by epoch without replacement (a fresh seeded permutation per epoch; a batch
 * may straddle two epochs); each image's caption is drawn uniformly from its captions, as CLIP samples
 * one caption per image and step.
 */
final class BatchSampler {
    private final int size;
    private final int batch;
    private final long seed;
    private int cachedEpoch = -1;
    private int[] cachedPermutation;

    BatchSampler(int size, int batch, long seed) {
        if (batch > size) {
            throw new IllegalArgumentException("batch " + batch + " exceeds the " + size + " training pairs");
        }
        this.size = size;
        this.batch = batch;
        this.seed = seed;
    }

    /** Pair indices of step {@code step}. */
    int[] indices(long step) {
        int[] out = new int[batch];
        long pos = step * batch;
        for (int i = 0; i < batch; i++, pos++) {
            int epoch = (int) (pos / size);
            out[i] = permutation(epoch)[(int) (pos % size)];
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
