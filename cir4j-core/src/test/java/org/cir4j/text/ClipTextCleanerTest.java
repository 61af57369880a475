package org.cir4j.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.cir4j.text.ClipTextCleaner.HtmlUnescaping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClipTextCleanerTest {

    private final ClipTextCleaner cleaner = ClipTextCleaner.reference();

    /** Expected values produced by Python 3.11: {@code whitespace_clean(basic_clean(s)).lower()}. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            &apos;          | '
            &amp            | &
            &#150;          | –
            &notit;         | ¬it;
            &#xD800;        | \uFFFD
            &#0;            | \uFFFD
            &#1;x           | x
            &bogus;         | &bogus;
            &#;             | &#;
            &amp;amp;       | &
            &amp;amp;amp;   | &amp;
            &#X41;&#65     | aa
            A&nbsp;B        | a b
            &#99999999;     | \uFFFD
            ΟΔΟΣ            | οδος
            """)
    void matchesPythonHtmlUnescapeAndLowerCase(String input, String expected) {
        assertThat(cleaner.clean(input)).isEqualTo(expected);
    }

    @Test
    void collapsesUnicodeWhitespaceAndStripsPythonSpaces() {
        assertThat(cleaner.clean("  Multiple   spaces\tand\nnewlines  ")).isEqualTo("multiple spaces and newlines");
        assertThat(cleaner.clean(" Hello\u00a0\u00a0World\u3000")).isEqualTo("hello world");
        // U+001C is Python whitespace for strip() but not for the regex module's \s: kept inside, stripped outside.
        assertThat(cleaner.clean("\u001cA\u001c B\u001c")).isEqualTo("a\u001c b");
    }

    @Test
    void whitespaceRegexIsTheRegexModulesBackslashS() {
        // Python: [hex(c) for c in range(0x110000) if regex.match(r'\s', chr(c))]
        List<Integer> expected = List.of(0x9, 0xa, 0xb, 0xc, 0xd, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002,
                0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000);
        Pattern s = Pattern.compile("\\s", Pattern.UNICODE_CHARACTER_CLASS);
        List<Integer> found = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (s.matcher(new String(Character.toChars(cp))).matches()) {
                found.add(cp);
            }
        }
        assertThat(found).isEqualTo(expected);
    }

    @Test
    void pythonIsSpaceSet() {
        // Python: [hex(c) for c in range(0x110000) if chr(c).isspace()] (all in the BMP)
        List<Integer> expected = List.of(0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680,
                0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029,
                0x202f, 0x205f, 0x3000);
        List<Integer> found = new ArrayList<>();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            if (ClipTextCleaner.isPythonSpace(c)) {
                found.add((int) c);
            }
        }
        assertThat(found).isEqualTo(expected);
    }

    @Test
    void commonsTextOptionIsHtml4Only() {
        ClipTextCleaner html4 = new ClipTextCleaner(HtmlUnescaping.COMMONS_TEXT_HTML4);
        assertThat(html4.clean("&amp;amp; &lt;b&gt;")).isEqualTo("& <b>");
        // The documented differences from Python's html.unescape:
        assertThat(html4.clean("&apos;")).isEqualTo("&apos;");
        assertThat(cleaner.clean("&apos;")).isEqualTo("'");
        assertThat(html4.clean("&amp x")).isEqualTo("&amp x");
        assertThat(cleaner.clean("&amp x")).isEqualTo("& x");
    }
}
