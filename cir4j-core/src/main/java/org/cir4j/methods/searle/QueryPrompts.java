package org.cir4j.methods.searle;

import java.util.List;

/**
 * The zero-shot CIR prompts of SEARLE/iSEARLE for one query: the texts whose (normalised, averaged)
 * features are the query. CIRR/CIRCO: "a photo of $ that {caption}". FashionIQ (two captions): each
 * stripped of ".?, " at both ends, joined with "and" in both orders, the two features averaged. Options:
 * domain conversion "{caption} of $"; object composition "a photo of $, {caption}"; CIRCO's shared
 * concept (a switch) written as "a photo of $ {concept} that {caption}" — the papers do not print this
 * prompt, so this wording is this project's choice.
 */
public final class QueryPrompts {

    /** Which prompt family. */
    public enum Style { RELATIVE, DOMAIN, OBJECTS }

    private final Style style;
    private final boolean sharedConcept;

    public QueryPrompts(Style style, boolean sharedConcept) {
        this.style = style;
        this.sharedConcept = sharedConcept;
    }

    public static Style parseStyle(String s) {
        return switch (s.toLowerCase()) {
            case "relative" -> Style.RELATIVE;
            case "domain" -> Style.DOMAIN;
            case "objects" -> Style.OBJECTS;
            default -> throw new IllegalArgumentException("prompt '" + s + "': expected relative, domain or objects");
        };
    }

    /** The prompts of one query (one, or two for FashionIQ's caption pair). */
    public List<String> prompts(List<String> captions, String concept) {
        if (captions.isEmpty()) {
            throw new IllegalArgumentException("a query needs at least one caption");
        }
        if (captions.size() == 2) {
            String c1 = strip(captions.get(0));
            String c2 = strip(captions.get(1));
            return List.of(relative(c1 + " and " + c2, null), relative(c2 + " and " + c1, null));
        }
        if (captions.size() > 2) {
            throw new IllegalArgumentException("a query has " + captions.size() + " captions; expected 1 or 2");
        }
        String c = captions.get(0);
        return switch (style) {
            case RELATIVE -> List.of(relative(c, sharedConcept ? concept : null));
            case DOMAIN -> List.of(c + " of $");
            case OBJECTS -> List.of("a photo of $, " + c);
        };
    }

    private static String relative(String caption, String concept) {
        return concept == null || concept.isBlank() ? "a photo of $ that " + caption
                : "a photo of $ " + concept + " that " + caption;
    }

    /** Python's {@code str.strip('.?, ')}. */
    static String strip(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && ".?, ".indexOf(s.charAt(a)) >= 0) {
            a++;
        }
        while (b > a && ".?, ".indexOf(s.charAt(b - 1)) >= 0) {
            b--;
        }
        return s.substring(a, b);
    }
}
