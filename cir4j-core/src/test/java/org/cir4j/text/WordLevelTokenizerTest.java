package org.cir4j.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.cir4j.text.Tokenizer.Truncation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordLevelTokenizerTest {

    private static final List<String> CORPUS = List.of(
            "A red star.",
            "a blue star",
            "Two red stars, and a heart!",
            "a photo of $ that is red");

    /** Specials, then a=4, red=3, star=2, then the count-1 pieces in String order. */
    private static final List<String> EXPECTED_VOCAB = List.of(
            "<pad>", "<start>", "<end>", "<unk>", "$",
            "a", "red", "star",
            "!", ",", ".", "and", "blue", "heart", "is", "of", "photo", "stars", "that", "two");

    @TempDir
    Path dir;

    private static List<String> vocab(WordLevelTokenizer t) {
        return IntStream.range(0, t.vocabSize()).mapToObj(t::token).toList();
    }

    @Test
    void buildOrdersSpecialsThenCountThenAlphabet() {
        WordLevelTokenizer t = WordLevelTokenizer.build(CORPUS, 1);
        assertThat(vocab(t)).containsExactlyElementsOf(EXPECTED_VOCAB);
        assertThat(t.padId()).isZero();
        assertThat(t.startId()).isEqualTo(1);
        assertThat(t.endId()).isEqualTo(2);
        assertThat(t.unknownId()).isEqualTo(3);
        assertThat(t.placeholderId()).isEqualTo(4);

        List<String> shuffled = new ArrayList<>(CORPUS);
        Collections.shuffle(shuffled, new Random(7));
        assertThat(vocab(WordLevelTokenizer.build(shuffled, 1))).containsExactlyElementsOf(EXPECTED_VOCAB);

        assertThat(vocab(WordLevelTokenizer.build(CORPUS, 2)))
                .containsExactly("<pad>", "<start>", "<end>", "<unk>", "$", "a", "red", "star");
        // Specials exist even when the corpus never uses them.
        assertThat(vocab(WordLevelTokenizer.build(List.of(), 1))).containsExactly("<pad>", "<start>", "<end>", "<unk>", "$");
    }

    @Test
    void splitsWordsNumbersAndSinglePunctuation() {
        WordLevelTokenizer t = WordLevelTokenizer.build(CORPUS, 1);
        assertThat(t.split("T-shirt: 3/4 sleeves, 20% OFF!!"))
                .containsExactly("t", "-", "shirt", ":", "3", "/", "4", "sleeves", ",", "20", "%", "off", "!", "!");
        assertThat(t.split("  na\u0308ive\tcafé\n")).containsExactly("na\u0308ive", "café");
        assertThat(t.split("a photo of $ that")).containsExactly("a", "photo", "of", "$", "that");
        assertThat(t.split("<end>")).containsExactly("<", "end", ">");
    }

    @Test
    void encodesUnknownWordsAsUnk() {
        WordLevelTokenizer t = WordLevelTokenizer.build(CORPUS, 1);
        assertThat(t.encode("A photo of $ that is RED")).containsExactly(5, 16, 15, 4, 18, 14, 6);
        assertThat(t.encode("a GREEN star, hexagon")).containsExactly(5, 3, 7, 9, 3);
        assertThat(t.contains("green")).isFalse();
        assertThat(t.encode("")).isEmpty();
        assertThat(t.decode(new int[] {1, 5, 3, 7, 4, 2, 0, 0})).isEqualTo("a <unk> star $");
        assertThatThrownBy(() -> t.decode(new int[] {5, 20}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ids[1] = 20").hasMessageContaining("[0, 20)");
    }

    @Test
    void batchesLikeClipTokenize() {
        WordLevelTokenizer t = WordLevelTokenizer.build(CORPUS, 1);
        TokenBatch b = t.batch(List.of("a red star", "two red stars and a heart", ""), 6, Truncation.TRUNCATE);
        assertThat(b.ids()[0]).containsExactly(1, 5, 6, 7, 2, 0);
        assertThat(b.ids()[1]).containsExactly(1, 19, 6, 17, 11, 2);
        assertThat(b.ids()[2]).containsExactly(1, 2, 0, 0, 0, 0);
        assertThat(b.lengths()).containsExactly(5, 6, 2);
        assertThatThrownBy(() -> t.batch(List.of("a red star", "two red stars and a heart"), 6, Truncation.ERROR))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("texts[1] \"two red stars and a heart\" has 8 tokens")
                .hasMessageContaining("context length 6");
    }

    @Test
    void saveAndLoadRoundTrip() throws IOException {
        WordLevelTokenizer built = WordLevelTokenizer.build(CORPUS, 1);
        Path out = dir.resolve("mini-clip");
        built.save(out);

        JsonNode config = new ObjectMapper().readTree(out.resolve("tokenizer_config.json").toFile());
        assertThat(config.get("tokenizer_class").textValue()).isEqualTo("cir4j-word-level");
        assertThat(config.get("format_version").intValue()).isEqualTo(1);
        assertThat(config.get("lowercase").booleanValue()).isTrue();
        assertThat(config.get("special_tokens").toString()).isEqualTo(
                "{\"pad\":\"<pad>\",\"start\":\"<start>\",\"end\":\"<end>\",\"unk\":\"<unk>\",\"placeholder\":\"$\"}");
        JsonNode vocabJson = new ObjectMapper().readTree(out.resolve("vocab.json").toFile());
        assertThat(vocabJson.size()).isEqualTo(EXPECTED_VOCAB.size());
        assertThat(vocabJson.get("photo").intValue()).isEqualTo(16);
        assertThat(vocabJson.get("<pad>").intValue()).isZero();

        WordLevelTokenizer loaded = WordLevelTokenizer.load(out);
        assertThat(vocab(loaded)).containsExactlyElementsOf(EXPECTED_VOCAB);
        assertThat(new int[] {loaded.padId(), loaded.startId(), loaded.endId(), loaded.unknownId(), loaded.placeholderId()})
                .containsExactly(0, 1, 2, 3, 4);
        for (String text : List.of("A photo of $ that is RED", "two hearts!", "")) {
            assertThat(loaded.encode(text)).containsExactly(built.encode(text));
        }
    }

    @Test
    void loadHonoursTheStoredConfig() throws IOException {
        WordLevelTokenizer.build(CORPUS, 1).save(dir);
        Files.writeString(dir.resolve("tokenizer_config.json"), """
                {"tokenizer_class":"cir4j-word-level","format_version":1,"lowercase":false,
                 "special_tokens":{"pad":"<pad>","start":"<start>","end":"<end>","unk":"<unk>","placeholder":"$"}}""");
        WordLevelTokenizer caseSensitive = WordLevelTokenizer.load(dir);
        assertThat(caseSensitive.lowercase()).isFalse();
        assertThat(caseSensitive.encode("Red red")).containsExactly(3, 6);
    }

    @Test
    void loadRejectsInconsistentFiles() throws IOException {
        WordLevelTokenizer.build(CORPUS, 1).save(dir);
        Path config = dir.resolve("tokenizer_config.json");
        String good = Files.readString(config);

        Files.writeString(config, good.replace("cir4j-word-level", "CLIPTokenizer"));
        assertThatThrownBy(() -> WordLevelTokenizer.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(config.toString())
                .hasMessageContaining("tokenizer_class is \"CLIPTokenizer\", expected \"cir4j-word-level\"");

        Files.writeString(config, good.replace("\"format_version\" : 1", "\"format_version\" : 2"));
        assertThatThrownBy(() -> WordLevelTokenizer.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format_version is 2, this build reads format_version 1");

        Files.writeString(config, good.replace("\"<unk>\"", "\"<oov>\""));
        assertThatThrownBy(() -> WordLevelTokenizer.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("special token unk = \"<oov>\" is not in the vocabulary");

        Files.writeString(config, good.replace("\"placeholder\" : \"$\"", "\"placeholder\" : \"<end>\""));
        assertThatThrownBy(() -> WordLevelTokenizer.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("special_tokens.placeholder = \"<end>\" is already used");

        Files.writeString(config, "{not json");
        assertThatThrownBy(() -> WordLevelTokenizer.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(config + ": not valid JSON");

        Files.writeString(config, good);
        Files.writeString(dir.resolve("vocab.json"), "{\"<pad>\": 0, \"<start>\": 1, \"<end>\": 5}");
        assertThatThrownBy(() -> WordLevelTokenizer.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vocab.json: token \"<end>\" has id 5, expected ids 0..2");

        Files.delete(dir.resolve("vocab.json"));
        assertThatThrownBy(() -> WordLevelTokenizer.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vocabulary file not found").hasMessageContaining("vocab.json");
    }

    @Test
    void buildRejectsBadArguments() {
        assertThatThrownBy(() -> WordLevelTokenizer.build(CORPUS, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minCount must be at least 1, got 0");
        assertThatThrownBy(() -> WordLevelTokenizer.build(Arrays.asList("a", null), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corpus element 1 is null");
    }
}
