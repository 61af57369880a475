package org.cir4j.world.text;

import java.util.List;
import java.util.regex.Matcher;

/** English glue: articles, lists, slot filling. */
public final class Words {
    private static final java.util.regex.Pattern A_BEFORE_VOWEL = java.util.regex.Pattern.compile("\\ba (?=[aeiou])");
    private static final java.util.regex.Pattern SLOT = java.util.regex.Pattern.compile("\\{([a-z0-9_]+)}");

    private Words() {}

    /** "a" + phrase, corrected to "an" before a vowel. */
    public static String a(String phrase) {
        return fixArticles("a " + phrase);
    }

    /** Turns every "a" before a vowel into "an" (the world's vocabulary has no "a u[nj]…" exceptions). */
    public static String fixArticles(String text) {
        return A_BEFORE_VOWEL.matcher(text).replaceAll("an ");
    }

    /** "x", "x and y", "x, y and z". */
    public static String list(List<String> items) {
        if (items.isEmpty()) {
            throw new IllegalArgumentException("cannot list zero items");
        }
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /**
     * Fills {@code {slot}} placeholders of a template.
     *
     * @throws IllegalStateException naming the template and slot when a slot has no value
     */
    public static String fill(String template, java.util.Map<String, String> slots) {
        Matcher m = SLOT.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = slots.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("template '" + template + "' needs slot {" + m.group(1)
                        + "} but only " + slots.keySet() + " were given");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return fixArticles(sb.toString().replaceAll(" +", " ").strip());
    }
}
