package org.cir4j.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Tokenizers#load} picks the tokenizer stored beside a checkpoint, or says what it looked for. */
class TokenizersTest {

    @TempDir
    Path dir;

    private static final String CAPTION = "a photo of $ that is red and has long sleeves";

    @Test
    void findsTheWordLevelTokenizer() throws IOException {
        WordLevelTokenizer.build(List.of(CAPTION), 1).save(dir);
        // A stray merges.txt must not win over the explicit config.
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n");
        Tokenizer t = Tokenizers.load(dir);
        assertThat(t).isInstanceOf(WordLevelTokenizer.class);
        assertThat(t.encode(CAPTION)).containsExactly(5, 11, 10, 4, 14, 8, 12, 6, 7, 9, 13);
    }

    @Test
    void findsHuggingFaceClipFiles() throws IOException {
        SharedClipTokenizer.writeHuggingFaceFiles(SharedClipTokenizer.get(), dir.resolve("vocab.json"), dir.resolve("merges.txt"));
        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"tokenizer_class\": \"CLIPTokenizer\", \"model_max_length\": 77}");
        Tokenizer t = Tokenizers.load(dir);
        assertThat(t).isInstanceOf(ClipBpeTokenizer.class);
        assertThat(t.encode(CAPTION)).containsExactly(320, 1125, 539, 259, 682, 533, 736, 537, 791, 1538, 19691);

        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"tokenizer_class\": \"GPT2Tokenizer\"}");
        assertThatThrownBy(() -> Tokenizers.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokenizer_class \"GPT2Tokenizer\" is neither");
    }

    @Test
    void findsOpenAisMergesFile() throws IOException {
        Files.copy(SharedClipTokenizer.mergesGz(), dir.resolve("bpe_simple_vocab_16e6.txt.gz"));
        Tokenizer t = Tokenizers.load(dir);
        assertThat(t).isInstanceOf(ClipBpeTokenizer.class);
        assertThat(t.encode(CAPTION)).containsExactly(320, 1125, 539, 259, 682, 533, 736, 537, 791, 1538, 19691);
    }

    @Test
    void saysWhatItLookedFor() throws IOException {
        assertThatThrownBy(() -> Tokenizers.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no tokenizer found in " + dir)
                .hasMessageContaining("tokenizer_config.json with tokenizer_class \"cir4j-word-level\"")
                .hasMessageContaining("vocab.json + merges.txt")
                .hasMessageContaining("bpe_simple_vocab_16e6.txt.gz")
                .hasMessageEndingWith("the directory holds nothing");

        Files.writeString(dir.resolve("vocab.json"), "{}");
        Files.writeString(dir.resolve("model.safetensors"), "");
        assertThatThrownBy(() -> Tokenizers.load(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("the directory holds model.safetensors, vocab.json");

        assertThatThrownBy(() -> Tokenizers.load(dir.resolve("missing"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokenizer directory not found");
    }
}
