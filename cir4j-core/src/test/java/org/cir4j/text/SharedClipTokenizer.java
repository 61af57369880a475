package org.cir4j.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cir4j.testing.SharedFixtures;

/** One {@link ClipBpeTokenizer} per test JVM, loaded from {@code shared/clip}: loading it once is enough. */
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
}
