package org.cir4j.methods.isa;

/**
 * The sentences ISA feeds the frozen text encoder: the image's sentence of M pseudo-words is written
 * as M placeholders ({@code $}) in a row, each replaced by one learned token.
 */
public final class IsaPrompts {

    private IsaPrompts() {}

    /** {@code "$ $ … $"} (M placeholders). */
    public static String placeholders(int m) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < m; i++) {
            sb.append(i == 0 ? "$" : " $");
        }
        return sb.toString();
    }

    /** Training sentence for global contrastive distillation: {@code "a photo of $ … $"}. */
    public static String image(int m) {
        return "a photo of " + placeholders(m);
    }

    /** Composed query: {@code "a photo of $ … $ that {caption}"} (iSEARLE's template with M tokens). */
    public static String query(int m, String caption) {
        return "a photo of " + placeholders(m) + " that " + caption;
    }

    /** {@code phrase} with its (first) occurrence of {@code concept} replaced, e.g. by the pseudo-word sentence. */
    static String substitute(String phrase, String concept, String replacement) {
        int i = phrase.indexOf(concept);
        if (i < 0) {
            throw new IllegalArgumentException("phrase '" + phrase + "' does not contain concept '" + concept + "'");
        }
        return phrase.substring(0, i) + replacement + phrase.substring(i + concept.length());
    }
}
