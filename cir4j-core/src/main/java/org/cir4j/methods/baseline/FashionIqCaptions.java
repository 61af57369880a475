package org.cir4j.methods.baseline;

import java.util.List;

/**
 * How a FashionIQ triplet's two relative captions become text for the CLIP text encoder.
 *
 * <p>{@link #CLIP4CIR} is the reference convention for the baselines (CLIP4Cir {@code validate.py}):
 * {@code f"{c1.strip('.?, ').capitalize()} and {c2.strip('.?, ')}"}, one text per triplet.
 * {@link #BOTH_ORDERS} is iSEARLE's inference convention: "c1 and c2" and "c2 and c1" are encoded separately and
 * their features averaged (normalised first, see {@link TextFeatures}).
 */
public enum FashionIqCaptions {
    /** One text, "C1 and c2" (CLIP4Cir). */
    CLIP4CIR("clip4cir"),
    /** Two texts, "c1 and c2" and "c2 and c1", features averaged (iSEARLE). */
    BOTH_ORDERS("both-orders");

    private final String id;

    FashionIqCaptions(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static FashionIqCaptions parse(String value) {
        for (FashionIqCaptions c : values()) {
            if (c.id.equals(value)) {
                return c;
            }
        }
        throw new IllegalArgumentException("fiq-captions must be one of clip4cir, both-orders; got '" + value + "'");
    }

    /**
     * The texts to encode for one query: the caption itself when there is one (CIRR, CIRCO), one or two joined
     * texts for FashionIQ's pair.
     */
    public List<String> texts(List<String> captions) {
        if (captions.size() == 1) {
            return List.of(captions.get(0));
        }
        if (captions.size() != 2) {
            throw new IllegalArgumentException("expected one caption (CIRR/CIRCO) or two (FashionIQ), got " + captions.size() + ": " + captions);
        }
        String c1 = stripPunctuation(captions.get(0));
        String c2 = stripPunctuation(captions.get(1));
        return switch (this) {
            case CLIP4CIR -> List.of(pythonCapitalize(c1) + " and " + c2);
            case BOTH_ORDERS -> List.of(c1 + " and " + c2, c2 + " and " + c1);
        };
    }

    /** Python's {@code s.strip('.?, ')}: removes any of '.', '?', ',', ' ' from both ends. */
    static String stripPunctuation(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && isStripped(s.charAt(from))) {
            from++;
        }
        while (to > from && isStripped(s.charAt(to - 1))) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isStripped(char c) {
        return c == '.' || c == '?' || c == ',' || c == ' ';
    }

    /** Python's {@code str.capitalize()}: first character title-cased, the rest lower-cased. */
    static String pythonCapitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int first = s.codePointAt(0);
        int n = Character.charCount(first);
        return new StringBuilder().appendCodePoint(Character.toTitleCase(first))
                .append(s.substring(n).toLowerCase(java.util.Locale.ROOT)).toString();
    }
}
