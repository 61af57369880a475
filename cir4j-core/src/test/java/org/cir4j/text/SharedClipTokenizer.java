package org.cir4j.text;

import java.nio.file.Path;
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

    private static final class Holder {
        static final ClipBpeTokenizer INSTANCE = ClipBpeTokenizer.fromMergesGz(mergesGz());
    }
}
