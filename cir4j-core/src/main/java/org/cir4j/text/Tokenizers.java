package org.cir4j.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds and loads the tokenizer stored beside a checkpoint. */
public final class Tokenizers {

    /** OpenAI's file name for CLIP's merges. */
    public static final String OPENAI_MERGES_FILE = "bpe_simple_vocab_16e6.txt.gz";
    public static final String HF_VOCAB_FILE = "vocab.json";
    public static final String HF_MERGES_FILE = "merges.txt";

    private static final int LISTED_FILES = 20;

    private Tokenizers() {}

    /**
     * Loads the tokenizer in {@code dir}, checked in this order:
     * <ol>
     *   <li>{@code tokenizer_config.json} with {@code tokenizer_class} "cir4j-word-level" →
     *       {@link WordLevelTokenizer};</li>
     *   <li>{@code vocab.json} + {@code merges.txt} → {@link ClipBpeTokenizer} (Hugging Face files). If a
     *       {@code tokenizer_config.json} is present, its class must be a CLIP tokenizer
     *       ({@code CLIPTokenizer}, {@code CLIPTokenizerFast}): another BPE (GPT-2, RoBERTa) has the same
     *       files but different pre-tokenisation, and reading it as CLIP would give wrong ids silently;</li>
     *   <li>{@code bpe_simple_vocab_16e6.txt.gz} → {@link ClipBpeTokenizer} (OpenAI file).</li>
     * </ol>
     * Checkpoints shipped without tokenizer files (OpenAI {@code .pt}, open_clip) use
     * {@link ClipBpeTokenizer#bundled()} explicitly; there is no silent fallback here.
     *
     * @throws IllegalArgumentException if {@code dir} is not a directory or holds none of the above
     */
    public static Tokenizer load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("tokenizer directory not found: " + dir);
        }
        Path config = dir.resolve(WordLevelTokenizer.CONFIG_FILE);
        String tokenizerClass = null;
        if (Files.isRegularFile(config)) {
            JsonNode node = VocabularyFiles.readJsonObject(config).get("tokenizer_class");
            tokenizerClass = node != null && node.isTextual() ? node.textValue() : null;
            if (WordLevelTokenizer.TOKENIZER_CLASS.equals(tokenizerClass)) {
                return WordLevelTokenizer.load(dir);
            }
        }
        Path vocab = dir.resolve(HF_VOCAB_FILE);
        Path merges = dir.resolve(HF_MERGES_FILE);
        if (Files.isRegularFile(vocab) && Files.isRegularFile(merges)) {
            if (tokenizerClass != null && !tokenizerClass.startsWith("CLIPTokenizer")) {
                throw new IllegalArgumentException(config + ": tokenizer_class \"" + tokenizerClass
                        + "\" is neither \"" + WordLevelTokenizer.TOKENIZER_CLASS
                        + "\" nor a CLIP tokenizer (CLIPTokenizer, CLIPTokenizerFast); refusing to read "
                        + HF_VOCAB_FILE + " + " + HF_MERGES_FILE + " as CLIP's BPE");
            }
            return ClipBpeTokenizer.fromHuggingFace(vocab, merges);
        }
        Path openAi = dir.resolve(OPENAI_MERGES_FILE);
        if (Files.isRegularFile(openAi)) {
            return ClipBpeTokenizer.fromMergesGz(openAi);
        }
        throw new IllegalArgumentException("no tokenizer found in " + dir + ": looked for "
                + WordLevelTokenizer.CONFIG_FILE + " with tokenizer_class \"" + WordLevelTokenizer.TOKENIZER_CLASS
                + "\" (+ " + WordLevelTokenizer.VOCAB_FILE + "), " + HF_VOCAB_FILE + " + " + HF_MERGES_FILE
                + " (Hugging Face CLIP), " + OPENAI_MERGES_FILE + " (OpenAI CLIP); the directory holds "
                + listing(dir));
    }

    private static String listing(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
            if (names.isEmpty()) {
                return "nothing";
            }
            String shown = String.join(", ", names.subList(0, Math.min(LISTED_FILES, names.size())));
            return names.size() > LISTED_FILES ? shown + " … (" + names.size() + " entries)" : shown;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
