package org.cir4j.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OpenAI's gz file and Hugging Face's vocab.json + merges.txt give the same tokenizer; bad files fail clearly. */
class ClipBpeLoadersTest {

    @TempDir
    Path dir;

    @Test
    void huggingFaceFilesGiveIdenticalIds() throws IOException {
        ClipBpeTokenizer openAi = SharedClipTokenizer.get();
        Path vocabJson = dir.resolve("vocab.json");
        Path mergesTxt = dir.resolve("merges.txt");
        SharedClipTokenizer.writeHuggingFaceFiles(openAi, vocabJson, mergesTxt);

        ClipBpeTokenizer hf = ClipBpeTokenizer.fromHuggingFace(vocabJson, mergesTxt);
        assertThat(hf.vocabSize()).isEqualTo(49408);
        assertThat(hf.startId()).isEqualTo(49406);
        assertThat(hf.endId()).isEqualTo(49407);
        assertThat(hf.placeholderId()).isEqualTo(259);
        List<String> texts = new ArrayList<>(SharedClipTokenizer.goldenTexts());
        texts.add("übergrößenträger &apos;s 東京タワー 🐶 xxxxxxxxxxxxxxxxxxxxxxxx");
        for (String text : texts) {
            int[] ids = openAi.encode(text);
            assertThat(hf.encode(text)).as(text).containsExactly(ids);
            assertThat(hf.decode(ids)).isEqualTo(openAi.decode(ids));
        }
    }

    @Test
    void huggingFaceMergeOutsideTheVocabularyIsRejected() throws IOException {
        Path vocabJson = dir.resolve("vocab.json");
        Path mergesTxt = dir.resolve("merges.txt");
        SharedClipTokenizer.writeHuggingFaceFiles(SharedClipTokenizer.get(), vocabJson, mergesTxt);
        Files.writeString(mergesTxt, "#version: 0.2\ni n\nq z\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ClipBpeTokenizer.fromHuggingFace(vocabJson, mergesTxt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(mergesTxt.toString())
                .hasMessageContaining("merge 2 (q z)")
                .hasMessageContaining("\"qz\"");
    }

    @Test
    void huggingFaceVocabularyProblemsAreNamed() throws IOException {
        Path mergesTxt = dir.resolve("merges.txt");
        Files.writeString(mergesTxt, "#version: 0.2\ni n\n", StandardCharsets.UTF_8);
        Path vocabJson = dir.resolve("vocab.json");

        Files.writeString(vocabJson, "{\"a\": 0, \"b\": 0}");
        assertThatThrownBy(() -> ClipBpeTokenizer.fromHuggingFace(vocabJson, mergesTxt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id 0 is used by both \"a\" and \"b\"");

        Files.writeString(vocabJson, "{\"a\": 0, \"b\": 7}");
        assertThatThrownBy(() -> ClipBpeTokenizer.fromHuggingFace(vocabJson, mergesTxt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token \"b\" has id 7, expected ids 0..1");

        Files.writeString(vocabJson, "{\"a\": \"zero\"}");
        assertThatThrownBy(() -> ClipBpeTokenizer.fromHuggingFace(vocabJson, mergesTxt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id of token \"a\" must be an integer");

        // A consistent vocabulary that is not CLIP's: the byte alphabet is missing.
        Files.writeString(vocabJson, "{\"i\": 0, \"n\": 1, \"in\": 2}");
        assertThatThrownBy(() -> ClipBpeTokenizer.fromHuggingFace(vocabJson, mergesTxt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(vocabJson.toString())
                .hasMessageContaining("is missing from the vocabulary");

        assertThatThrownBy(() -> ClipBpeTokenizer.fromHuggingFace(dir.resolve("nope.json"), mergesTxt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vocabulary file not found").hasMessageContaining("nope.json");
    }

    @Test
    void truncatedOrMissingGzFileIsRejected() throws IOException {
        Path gz = dir.resolve("short.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(("\"bpe_simple_vocab_16e6.txt#version: 0.2\n" + String.join("\n", SharedClipTokenizer.openAiMergeLines(10)))
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> ClipBpeTokenizer.fromMergesGz(gz))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(gz.toString())
                .hasMessageContaining("expected 48894 merge lines after the header, found 10");

        Path broken = dir.resolve("broken.txt.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(broken))) {
            out.write("header\ni n\nthree parts here\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThatThrownBy(() -> ClipBpeTokenizer.fromMergesGz(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 3").hasMessageContaining("\"three parts here\"");

        assertThatThrownBy(() -> ClipBpeTokenizer.fromMergesGz(dir.resolve("absent.gz")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not found").hasMessageContaining("absent.gz");
    }
}
