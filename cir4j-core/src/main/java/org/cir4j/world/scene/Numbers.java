package org.cir4j.world.scene;

/** Number words used by captions. */
public final class Numbers {
    private static final String[] WORDS = {"zero", "one", "two", "three", "four", "five"};

    private Numbers() {}

    public static String word(int n) {
        if (n < 0 || n >= WORDS.length) {
            throw new IllegalArgumentException("no number word for " + n + " (world counts are 0.." + (WORDS.length - 1) + ")");
        }
        return WORDS[n];
    }
}
