package org.cir4j.world.sample;

import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;

/** Random choices used throughout the world. */
public final class Draw {
    private Draw() {}

    public static <T> T one(SplittableRandom rng, List<T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("cannot choose from an empty list");
        }
        return values.get(rng.nextInt(values.size()));
    }

    public static <T> T one(SplittableRandom rng, T[] values) {
        return values[rng.nextInt(values.length)];
    }

    /** One element of a set, in its iteration order (callers pass ordered sets for determinism). */
    public static <T> T one(SplittableRandom rng, Collection<T> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("cannot choose from an empty set");
        }
        int k = rng.nextInt(values.size());
        for (T v : values) {
            if (k-- == 0) {
                return v;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** Index drawn with the given (unnormalised) weights. */
    public static int weighted(SplittableRandom rng, double... weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = rng.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    public static boolean chance(SplittableRandom rng, double p) {
        return rng.nextDouble() < p;
    }

    public static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }
}
