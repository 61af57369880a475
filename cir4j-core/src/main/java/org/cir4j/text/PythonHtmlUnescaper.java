package org.cir4j.text;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A port of Python's {@code html.unescape} (CPython 3.11 {@code Lib/html/__init__.py}), which CLIP's
 * {@code basic_clean} applies twice.
 *
 * <p>It differs from HTML 4 unescapers such as commons-text's {@code unescapeHtml4} in ways that change
 * token ids: it knows all 2,231 HTML5 named references (e.g. {@code &apos;}, {@code &nbsp}), accepts
 * the legacy names without a semicolon ({@code &amp}, {@code &notit;} → {@code ¬it;}), maps numeric
 * references in 0x80..0x9F through Windows-1252 ({@code &#150;} → "–"), and drops or replaces invalid
 * code points. The entity table ({@code html5-entities.json}) is Python's {@code html.entities.html5},
 * i.e. the WHATWG HTML standard's list of named character references.
 */
final class PythonHtmlUnescaper {

    private static final Pattern CHARREF =
            Pattern.compile("&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\\t\\n\\f <&#;]{1,32};?)");

    private static final String ENTITIES_RESOURCE = "html5-entities.json";

    /** Python's {@code _invalid_charrefs}: numeric references the HTML5 parser remaps. */
    private static final Map<Integer, String> INVALID_CHARREFS = Map.ofEntries(
            Map.entry(0x00, "\uFFFD"), Map.entry(0x0D, "\r"), Map.entry(0x80, "\u20AC"),
            Map.entry(0x81, "\u0081"), Map.entry(0x82, "\u201A"), Map.entry(0x83, "\u0192"),
            Map.entry(0x84, "\u201E"), Map.entry(0x85, "\u2026"), Map.entry(0x86, "\u2020"),
            Map.entry(0x87, "\u2021"), Map.entry(0x88, "\u02C6"), Map.entry(0x89, "\u2030"),
            Map.entry(0x8A, "\u0160"), Map.entry(0x8B, "\u2039"), Map.entry(0x8C, "\u0152"),
            Map.entry(0x8D, "\u008D"), Map.entry(0x8E, "\u017D"), Map.entry(0x8F, "\u008F"),
            Map.entry(0x90, "\u0090"), Map.entry(0x91, "\u2018"), Map.entry(0x92, "\u2019"),
            Map.entry(0x93, "\u201C"), Map.entry(0x94, "\u201D"), Map.entry(0x95, "\u2022"),
            Map.entry(0x96, "\u2013"), Map.entry(0x97, "\u2014"), Map.entry(0x98, "\u02DC"),
            Map.entry(0x99, "\u2122"), Map.entry(0x9A, "\u0161"), Map.entry(0x9B, "\u203A"),
            Map.entry(0x9C, "\u0153"), Map.entry(0x9D, "\u009D"), Map.entry(0x9E, "\u017E"),
            Map.entry(0x9F, "\u0178"));

    private PythonHtmlUnescaper() {}

    /** Loaded on the first text that contains {@code &}: most captions never need it. */
    private static final class Entities {
        static final Map<String, String> HTML5 = load();

        private static Map<String, String> load() {
            try (InputStream in = PythonHtmlUnescaper.class.getResourceAsStream(ENTITIES_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("classpath resource org/cir4j/text/" + ENTITIES_RESOURCE
                            + " is missing from the cir4j-core jar");
                }
                Map<String, String> map = new ObjectMapper().readValue(in, new TypeReference<Map<String, String>>() {});
                return Map.copyOf(map);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read classpath resource org/cir4j/text/" + ENTITIES_RESOURCE, e);
            }
        }
    }

    /** {@code html.unescape(s)}. */
    static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = CHARREF.matcher(s);
        StringBuilder out = new StringBuilder(s.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replace(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String replace(String ref) {
        if (ref.charAt(0) == '#') {
            boolean hex = ref.length() > 1 && (ref.charAt(1) == 'x' || ref.charAt(1) == 'X');
            String digits = stripSemicolon(ref.substring(hex ? 2 : 1));
            long num = parseSaturating(digits, hex ? 16 : 10);
            String remapped = num <= 0x9F ? INVALID_CHARREFS.get((int) num) : null;
            if (remapped != null) {
                return remapped;
            }
            if ((num >= 0xD800 && num <= 0xDFFF) || num > 0x10FFFF) {
                return "\uFFFD";
            }
            int cp = (int) num;
            if (isInvalidCodePoint(cp)) {
                return "";
            }
            return new String(Character.toChars(cp));
        }
        Map<String, String> html5 = Entities.HTML5;
        String exact = html5.get(ref);
        if (exact != null) {
            return exact;
        }
        // Longest matching prefix, as the HTML5 standard does for legacy names without ';'.
        for (int x = ref.length() - 1; x > 1; x--) {
            String value = html5.get(ref.substring(0, x));
            if (value != null) {
                return value + ref.substring(x);
            }
        }
        return "&" + ref;
    }

    private static String stripSemicolon(String digits) {
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == ';') {
            end--;
        }
        return digits.substring(0, end);
    }

    /** Digits → value, saturating above U+10FFFF: Python's arbitrary-precision int gives the same branch. */
    private static long parseSaturating(String digits, int radix) {
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            value = value * radix + Character.digit(digits.charAt(i), radix);
            if (value > 0x10FFFF) {
                return 0x110000;
            }
        }
        return value;
    }

    /** Python's {@code _invalid_codepoints}: controls, noncharacters and U+000B. */
    private static boolean isInvalidCodePoint(int cp) {
        return (cp >= 0x1 && cp <= 0x8)
                || (cp >= 0xE && cp <= 0x1F)
                || (cp >= 0x7F && cp <= 0x9F)
                || (cp >= 0xFDD0 && cp <= 0xFDEF)
                || cp == 0xB
                || (cp & 0xFFFE) == 0xFFFE;
    }
}
