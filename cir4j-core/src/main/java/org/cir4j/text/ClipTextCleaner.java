package org.cir4j.text;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.commons.text.StringEscapeUtils;

/**
 * CLIP's text normalisation before BPE: {@code whitespace_clean(basic_clean(text)).lower()} from
 * OpenAI's {@code simple_tokenizer.py}.
 *
 * <ol>
 *   <li>{@code basic_clean}: {@code ftfy.fix_text}, then {@code html.unescape} twice, then
 *       {@code str.strip()}.</li>
 *   <li>{@code whitespace_clean}: every run of {@code \s} (the {@code regex} module's Unicode
 *       {@code White_Space}) becomes one space, then {@code str.strip()}.</li>
 *   <li>{@code str.lower()} (full Unicode lower-casing, {@link Locale#ROOT}).</li>
 * </ol>
 *
 * <p><b>ftfy is treated as identity.</b> There is no Java port of ftfy, and for clean text (all of
 * CIRR, FashionIQ, CIRCO captions and everything the synthetic world writes) it changes nothing. For
 * mojibake, curly quotes ({@code ’} → {@code '}), ligatures ({@code ﬁ}), full-width forms and text
 * that is not NFC, the reference would normalise first and produce different ids; callers that feed
 * such text should fix it upstream.
 *
 * <p>{@code str.strip()} and the regex's {@code \s} are not the same set in Python: {@code strip}
 * also removes the separators U+001C..U+001F, which {@code \s} does not collapse. Both sets are
 * reproduced exactly here.
 *
 * <p>Thread-safe and immutable.
 */
public final class ClipTextCleaner {

    /** How HTML character references are decoded in {@code basic_clean}. */
    public enum HtmlUnescaping {
        /**
         * Exactly Python's {@code html.unescape} (HTML5 entities, legacy names without ';',
         * Windows-1252 remapping of {@code &#128;..&#159;}). The reference behaviour; the default.
         */
        PYTHON_HTML5,
        /**
         * commons-text {@code StringEscapeUtils.unescapeHtml4}: HTML 4 entities only, semicolon
         * required. Differs from the reference on e.g. {@code &apos;}, {@code &amp} (no ';') and
         * {@code &#150;}; kept for callers that must match another HTML-4 based pipeline.
         */
        COMMONS_TEXT_HTML4
    }

    /** The {@code regex} module's {@code \s} with Unicode strings = the White_Space property. */
    private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private static final ClipTextCleaner REFERENCE = new ClipTextCleaner(HtmlUnescaping.PYTHON_HTML5);

    private final HtmlUnescaping htmlUnescaping;

    public ClipTextCleaner(HtmlUnescaping htmlUnescaping) {
        this.htmlUnescaping = Objects.requireNonNull(htmlUnescaping, "htmlUnescaping");
    }

    /** The cleaner that matches OpenAI's reference (up to ftfy, see the class comment). */
    public static ClipTextCleaner reference() {
        return REFERENCE;
    }

    public HtmlUnescaping htmlUnescaping() {
        return htmlUnescaping;
    }

    /** {@code whitespace_clean(basic_clean(text)).lower()}. */
    public String clean(String text) {
        Objects.requireNonNull(text, "text");
        String t = unescapeHtml(unescapeHtml(text));
        t = pythonStrip(t);
        t = WHITESPACE_RUN.matcher(t).replaceAll(" ");
        t = pythonStrip(t);
        return t.toLowerCase(Locale.ROOT);
    }

    private String unescapeHtml(String s) {
        return switch (htmlUnescaping) {
            case PYTHON_HTML5 -> PythonHtmlUnescaper.unescape(s);
            case COMMONS_TEXT_HTML4 -> StringEscapeUtils.unescapeHtml4(s);
        };
    }

    /** Python's {@code str.strip()} with no argument: removes characters for which {@code isspace()}. */
    static String pythonStrip(String s) {
        int start = 0;
        int end = s.length();
        // All Python whitespace is in the BMP, so char-wise scanning is exact.
        while (start < end && isPythonSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isPythonSpace(s.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    /**
     * Python's {@code str.isspace()} (bidirectional class WS, B or S, or category Zs): the
     * White_Space property plus the information separators U+001C..U+001F.
     */
    static boolean isPythonSpace(char c) {
        return (c >= 0x09 && c <= 0x0D)
                || (c >= 0x1C && c <= 0x20)
                || c == 0x85
                || c == 0xA0
                || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A)
                || c == 0x2028
                || c == 0x2029
                || c == 0x202F
                || c == 0x205F
                || c == 0x3000;
    }
}
