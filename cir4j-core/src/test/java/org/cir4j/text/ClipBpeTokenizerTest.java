package org.cir4j.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.cir4j.text.Tokenizer.Truncation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CLIP BPE against ids produced by OpenAI's own tokenizer ({@code shared/clip/tokenizer_golden.json})
 * and against edge cases run through the reference code locally ({@code clip_reference_extra.json}).
 */
class ClipBpeTokenizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ClipBpeTokenizer tok;
    private static JsonNode golden;
    private static JsonNode extra;

    @BeforeAll
    static void load() throws IOException {
        tok = SharedClipTokenizer.get();
        golden = SharedClipTokenizer.goldenJson();
        try (InputStream in = ClipBpeTokenizerTest.class.getResourceAsStream("clip_reference_extra.json")) {
            extra = JSON.readTree(in);
        }
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).intValue();
        }
        return out;
    }

    private static List<String> goldenTexts() {
        return SharedClipTokenizer.goldenTexts();
    }

    @Test
    void specialIdsMatchTheGoldenFile() {
        assertThat(tok.vocabSize()).isEqualTo(golden.get("vocab_size").intValue()).isEqualTo(49408);
        assertThat(tok.startId()).isEqualTo(golden.get("sot").intValue()).isEqualTo(49406);
        assertThat(tok.endId()).isEqualTo(golden.get("eot").intValue()).isEqualTo(49407);
        assertThat(tok.padId()).isZero();
        assertThat(tok.placeholderId()).isEqualTo(259);
        assertThat(tok.token(259)).isEqualTo("$</w>");
        assertThat(tok.encode("$")).containsExactly(259);
        assertThat(tok.encode("a photo of $ that is red")).containsSubsequence(539, 259, 682);
    }

    @Test
    void encodesEveryGoldenCase() {
        assertThat(golden.get("cases").size()).isGreaterThanOrEqualTo(25);
        for (JsonNode c : golden.get("cases")) {
            String text = c.get("text").textValue();
            assertThat(tok.encode(text)).as("ids of %s", text).containsExactly(ints(c.get("ids")));
        }
    }

    @Test
    void batchesEveryGoldenCaseLikeClipTokenize() {
        List<String> texts = goldenTexts();
        TokenBatch batch = tok.batch(texts, ClipBpeTokenizer.CONTEXT_LENGTH, Truncation.TRUNCATE);
        assertThat(batch.size()).isEqualTo(texts.size());
        assertThat(batch.contextLength()).isEqualTo(77);
        int truncated = 0;
        for (int i = 0; i < texts.size(); i++) {
            int[] withSpecial = ints(golden.get("cases").get(i).get("with_special"));
            int[] expected = new int[77];
            // clip.tokenize(truncate=True): tokens = tokens[:context_length]; tokens[-1] = eot
            if (withSpecial.length > 77) {
                System.arraycopy(withSpecial, 0, expected, 0, 77);
                expected[76] = 49407;
                truncated++;
            } else {
                System.arraycopy(withSpecial, 0, expected, 0, withSpecial.length);
            }
            assertThat(batch.ids()[i]).as("row of %s", texts.get(i)).containsExactly(expected);
            assertThat(batch.lengths()[i]).isEqualTo(Math.min(withSpecial.length, 77));
            assertThat(batch.ids()[i][batch.lengths()[i] - 1]).isEqualTo(49407);
        }
        assertThat(truncated).as("golden cases longer than the context").isPositive();
        assertThat(batch.maxLength()).isEqualTo(77);
    }

    @Test
    void truncationKeepsStartAndEndAtTheEdges() {
        String longText = "the quick brown fox jumps over the lazy dog ".repeat(12);
        int[] ids = tok.encode(longText);
        assertThat(ids).hasSize(108);
        for (int ctx : new int[] {2, 3, 16, 77}) {
            int[] row = tok.batch(List.of(longText), ctx, Truncation.TRUNCATE).ids()[0];
            assertThat(row).hasSize(ctx);
            assertThat(row[0]).isEqualTo(tok.startId());
            assertThat(row[ctx - 1]).isEqualTo(tok.endId());
            assertThat(Arrays.copyOfRange(row, 1, ctx - 1)).containsExactly(Arrays.copyOf(ids, ctx - 2));
        }
        // Exactly fitting: nothing is cut, in either mode.
        TokenBatch exact = tok.batch(List.of(longText), ids.length + 2, Truncation.ERROR);
        assertThat(Arrays.copyOfRange(exact.ids()[0], 1, ids.length + 1)).containsExactly(ids);
        assertThat(exact.lengths()[0]).isEqualTo(ids.length + 2);
    }

    @Test
    void errorModeNamesTextTokenCountAndContext() {
        String longText = "the quick brown fox jumps over the lazy dog ".repeat(12);
        assertThatThrownBy(() -> tok.batch(List.of("a cat", longText), 77, Truncation.ERROR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("texts[1]")
                .hasMessageContaining("\"the quick brown fox jumps over the lazy dog the quick brown …\"")
                .hasMessageContaining("(" + longText.length() + " chars)")
                .hasMessageContaining("110 tokens")
                .hasMessageContaining("context length 77");
        assertThatThrownBy(() -> tok.batch(List.of("a"), 1, Truncation.TRUNCATE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> tok.batch(Arrays.asList("a", null), 77, Truncation.TRUNCATE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("texts[1] is null");
    }

    @Test
    void encodesAndDecodesReferenceEdgeCases() {
        for (JsonNode c : extra.get("cases")) {
            String text = c.get("text").textValue();
            int[] expected = ints(c.get("ids"));
            assertThat(tok.encode(text)).as("ids of %s", text).containsExactly(expected);
            // Unlike the reference, decode drops <|startoftext|> and <|endoftext|> (Tokenizer contract).
            String decoded = c.get("decoded").textValue().replace("<|startoftext|>", "").replace("<|endoftext|>", "");
            assertThat(tok.decode(expected)).as("decode of %s", text).isEqualTo(decoded);
        }
        for (JsonNode c : extra.get("decode_cases")) {
            assertThat(tok.decode(ints(c.get("ids")))).isEqualTo(c.get("decoded").textValue());
        }
    }

    @Test
    void decodeRoundTripsGoldenTexts() {
        for (JsonNode c : golden.get("cases")) {
            String text = c.get("text").textValue();
            int[] ids = Arrays.stream(ints(c.get("ids"))).filter(id -> id != tok.startId() && id != tok.endId()).toArray();
            String decoded = tok.decode(ints(c.get("ids")));
            // Decoding puts a space after every word piece ending in </w>; re-encoding gives the same ids.
            assertThat(tok.encode(decoded)).as("re-encoded %s", text).containsExactly(ids);
            String cleaned = ClipTextCleaner.reference().clean(text)
                    .replace("<|startoftext|>", "").replace("<|endoftext|>", "");
            assertThat(decoded.replace(" ", "")).as("decoded %s", text).isEqualTo(cleaned.replace(" ", ""));
        }
        assertThat(tok.decode(tok.encode("A photo of a Cat"))).isEqualTo("a photo of a cat ");
        assertThat(tok.decode(new int[] {tok.startId(), 320, 2368, tok.endId()})).isEqualTo("a cat ");
    }

    @Test
    void htmlEntitiesAndWhitespaceAreCleanedFirst() {
        assertThat(tok.encode("&amp;")).containsExactly(tok.encode("&"));
        assertThat(tok.encode("cats &amp;amp; dogs")).containsExactly(tok.encode("cats & dogs"));
        assertThat(tok.encode("it&apos;s")).containsExactly(tok.encode("it's"));
        assertThat(tok.encode("  a \t photo\n\n of   a\u00a0cat  ")).containsExactly(tok.encode("a photo of a cat"));
        assertThat(tok.encode(" \t\n")).isEmpty();
        // With commons-text's HTML 4 table, &apos; is left alone and is split as punctuation and a word.
        ClipBpeTokenizer html4 = tok.withCleaner(new ClipTextCleaner(ClipTextCleaner.HtmlUnescaping.COMMONS_TEXT_HTML4));
        assertThat(html4.encode("it&apos;s")).isNotEqualTo(tok.encode("it's"));
        assertThat(html4.encode("a photo of a cat &amp; a dog")).containsExactly(tok.encode("a photo of a cat & a dog"));
    }

    @Test
    void rejectsBadInputWithSpecificMessages() {
        assertThatThrownBy(() -> tok.decode(new int[] {320, 49408}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ids[1] = 49408").hasMessageContaining("[0, 49408)");
        assertThatThrownBy(() -> tok.decode(new int[] {-1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ids[0] = -1");
        assertThatThrownBy(() -> tok.encode("bad \uD83D surrogate"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unpaired UTF-16 surrogate U+D83D");
    }

    @Test
    void bundledVocabularyIsOpenAisFile() {
        ClipBpeTokenizer bundled = ClipBpeTokenizer.bundled();
        assertThat(bundled).isSameAs(ClipBpeTokenizer.bundled());
        assertThat(bundled.vocabSize()).isEqualTo(tok.vocabSize());
        for (int id = 0; id < tok.vocabSize(); id++) {
            if (!bundled.token(id).equals(tok.token(id))) {
                throw new AssertionError("token " + id + ": bundled " + bundled.token(id) + " vs shared " + tok.token(id));
            }
        }
        for (String text : goldenTexts()) {
            assertThat(bundled.encode(text)).containsExactly(tok.encode(text));
        }
    }
}
