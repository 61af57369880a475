package org.cir4j.methods.clip4cir;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * FashionIQ's two relative captions as CLIP4Cir turns them into one text (reference {@code utils.py}
 * {@code generate_randomized_fiq_caption} for training, {@code validate.py} for evaluation). Python's
 * {@code str.strip('.?, ')} and {@code str.capitalize()} (first character upper-cased, the rest lower-cased)
 * are reproduced exactly.
 */
public final class FashionIqCaptions {

    private FashionIqCaptions() {}

    /** The four training forms, in the reference's order: "C1 and c2", "C2 and c1", "C1", "C2". */
    public static List<String> trainingVariants(String c1, String c2) {
        String a = strip(c1);
        String b = strip(c2);
        return List.of(capitalize(a) + " and " + b, capitalize(b) + " and " + a, capitalize(a), capitalize(b));
    }

    /**
     * One of the four forms with probability 1/4 each, as the reference draws them ({@code random.random()}
     * against 0.25/0.5/0.75).
     */
    public static int randomVariant(Random random) {
        double r = random.nextDouble();
        return r < 0.25 ? 0 : r < 0.5 ? 1 : r < 0.75 ? 2 : 3;
    }

    /** The evaluation form (reference {@code validate.py}): "C1 and c2". */
    public static String evaluationText(String c1, String c2) {
        return capitalize(strip(c1)) + " and " + strip(c2);
    }

    /** Python's {@code s.strip('.?, ')}. */
    static String strip(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && ".?, ".indexOf(s.charAt(from)) >= 0) {
            from++;
        }
        while (to > from && ".?, ".indexOf(s.charAt(to - 1)) >= 0) {
            to--;
        }
        return s.substring(from, to);
    }

    /** Python's {@code s.capitalize()}. */
    static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
    }
}
