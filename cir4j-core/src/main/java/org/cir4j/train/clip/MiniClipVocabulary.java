package org.cir4j.train.clip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cir4j.text.WordLevelTokenizer;

/**
 * The mini-CLIP's tokenizer: a word-level vocabulary over the world's {@code vocabulary.txt} (every word
 * piece the world's grammar can produce, held-out phrasings included, as a real CLIP's vocabulary holds
 * words its training captions never used), with the end token moved to the last id.
 *
 * <p>Resulting ids: {@code <pad>} 0, {@code <start>} 1, {@code <unk>} 2, {@code $} 3, the words in
 * alphabetical order, {@code <end>} last.
 */
public final class MiniClipVocabulary {

    /** The world's file listing its word pieces, one per line. */
    public static final String VOCABULARY_FILE = "vocabulary.txt";

    private MiniClipVocabulary() {}

    /** Builds the tokenizer from {@code worldDir/vocabulary.txt}. */
    public static WordLevelTokenizer fromWorld(Path worldDir) throws IOException {
        Path file = worldDir.resolve(VOCABULARY_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException("world " + worldDir + " has no " + VOCABULARY_FILE
                    + " (generate the world with `cir4j world generate`)");
        }
        List<String> words = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String w = line.strip();
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        if (words.isEmpty()) {
            throw new IOException(file + " lists no words");
        }
        // Every piece occurs once, so build() orders them alphabetically after the specials.
        return WordLevelTokenizer.build(words, 1).withEndTokenLast();
    }
}
