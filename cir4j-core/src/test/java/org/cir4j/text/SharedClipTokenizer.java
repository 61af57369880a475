package org.cir4j.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.cir4j.testing.SharedFixtures;

/**
 * One {@link ClipBpeTokenizer} per test JVM, loaded from {@code shared/clip} (loading it once is enough),
 * the golden file, and Hugging Face files written from OpenAI's.
 */
final class SharedClipTokenizer {
    private SharedClipTokenizer() {}

    static Path mergesGz() {
        return SharedFixtures.path("clip", "bpe_simple_vocab_16e6.txt.gz");
    }

    static Path golden() {
        return SharedFixtures.path("clip", "tokenizer_golden.json");
    }

    static ClipBpeTokenizer get() {
        return Holder.INSTANCE;
    }

    /** The parsed {@code tokenizer_golden.json}. */
    static JsonNode goldenJson() {
        return Holder.GOLDEN;
    }

    /** Every {@code cases[].text} of the golden file, in order. */
    static List<String> goldenTexts() {
        List<String> texts = new ArrayList<>();
        Holder.GOLDEN.get("cases").forEach(c -> texts.add(c.get("text").textValue()));
        return texts;
    }

    private static final class Holder {
        static final ClipBpeTokenizer INSTANCE = ClipBpeTokenizer.fromMergesGz(mergesGz());
        static final JsonNode GOLDEN = readGolden();

        private static JsonNode readGolden() {
            try {
                return new ObjectMapper().readTree(golden().toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + golden(), e);
            }
        }
    }

    /** Writes the HF pair the way {@code CLIPTokenizer.save_vocabulary} does, from OpenAI's file. */
    static void writeHuggingFaceFiles(ClipBpeTokenizer source, Path vocabJson, Path mergesTxt) throws IOException {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int id = 0; id < source.vocabSize(); id++) {
            vocab.put(source.token(id), id);
        }
        new ObjectMapper().writeValue(vocabJson.toFile(), vocab);
        List<String> lines = new ArrayList<>();
        lines.add("#version: 0.2");
        lines.addAll(openAiMergeLines(ClipBpeVocabulary.OPENAI_MERGE_COUNT));
        Files.write(mergesTxt, lines, StandardCharsets.UTF_8);
    }

    static List<String> openAiMergeLines(int count) throws IOException {
        List<String> lines = new ArrayList<>(count);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(SharedClipTokenizer.mergesGz())), StandardCharsets.UTF_8))) {
            r.readLine();
            for (int i = 0; i < count; i++) {
                lines.add(r.readLine());
            }
        }
        return lines;
    }
}
