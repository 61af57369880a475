package org.cir4j.world.sample;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Per-item random streams derived from the world seed, a stream name and an index. Every image,
 * query and caption draws from its own stream, so items can be produced in any order on any number of
 * threads and still come out identical.
 */
public final class Seeds {
    private Seeds() {}

    public static SplittableRandom stream(long seed, String name, long index) {
        return new SplittableRandom(mix(mix(seed, hash(name)), index));
    }

    /** SplitMix64 finaliser over {@code a} combined with {@code b}. */
    public static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long hash(String s) {
        long h = 0xCBF29CE484222325L; // FNV-1a over UTF-8: stable across JVMs, unlike identity hashes
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        return h;
    }
}
