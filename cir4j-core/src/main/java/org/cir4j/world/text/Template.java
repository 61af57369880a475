package org.cir4j.world.text;

import java.util.Objects;
import java.util.regex.Matcher;

/**
 * One phrasing of a relative-caption family, e.g. {@code "make {the} {v}"}. Held-out templates are
 * never used for training or validation queries, only for test queries, to measure generalisation
 * to unseen phrasings.
 *
 * @param id      stable identifier, {@code <family>/<p|i><n>[h]}
 * @param family  the phrasing family key
 * @param form    predicate or imperative
 * @param heldOut whether the template is reserved for test queries
 * @param text    the template with {@code {slot}} placeholders
 */
public record Template(String id, String family, Form form, boolean heldOut, String text) {
    public Template {
        Objects.requireNonNull(id);
        Objects.requireNonNull(family);
        Objects.requireNonNull(form);
        Objects.requireNonNull(text);
    }

    /**
     * A regular expression that {@code find()}s every caption this template can produce (slots become
     * {@code .+}, the article "a" also matches "an"), used to check that held-out phrasings never
     * leak into training data.
     */
    public java.util.regex.Pattern regex() {
        Matcher m = java.util.regex.Pattern.compile("\\{[a-z0-9_]+}").matcher(text);
        StringBuilder sb = new StringBuilder();
        int last = 0;
        while (m.find()) {
            sb.append(literal(text.substring(last, m.start()))).append(".+");
            last = m.end();
        }
        sb.append(literal(text.substring(last)));
        return java.util.regex.Pattern.compile("\\b" + sb);
    }

    private static String literal(String s) {
        String[] words = s.split(" ", -1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(words[i].equals("a") ? "an?" : words[i].isEmpty() ? "" : java.util.regex.Pattern.quote(words[i]));
        }
        return sb.toString();
    }
}
