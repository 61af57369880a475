package org.cir4j.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * CLIP's BPE vocabulary (id ↔ token string) and merge list, read from either distribution format.
 *
 * <ul>
 *   <li>OpenAI's {@code bpe_simple_vocab_16e6.txt.gz}: a header line, then merges "a b" in rank order.
 *       As in {@code SimpleTokenizer.__init__}, only lines {@code [1, 49152-256-2+1)} are used and the
 *       vocabulary is built from them: the 256 byte characters, the same with {@code </w>}, one token
 *       per merge, then {@code <|startoftext|>} and {@code <|endoftext|>}.</li>
 *   <li>Hugging Face's {@code vocab.json} (token → id) and {@code merges.txt} ({@code #version}
 *       header, then merges): the vocabulary is taken as given and every merge must produce a token
 *       that is in it.</li>
 * </ul>
 */
final class ClipBpeVocabulary {

    /** {@code 49152 - 256 - 2}: merges OpenAI's tokenizer reads from the gz file. */
    static final int OPENAI_MERGE_COUNT = 49152 - 256 - 2;
    static final String START_OF_TEXT = "<|startoftext|>";
    static final String END_OF_TEXT = "<|endoftext|>";
    static final String END_OF_WORD = "</w>";

    /** Token string of each id. */
    final String[] tokens;
    /** Id of each token string (for duplicates in the OpenAI list, the last id, as Python's dict). */
    final Map<String, Integer> ids;
    /** {@code merges[rank] = {left, right}}. */
    final String[][] merges;
    /** Where the tables came from, for error messages. */
    final String source;

    private ClipBpeVocabulary(String[] tokens, Map<String, Integer> ids, String[][] merges, String source) {
        this.tokens = tokens;
        this.ids = ids;
        this.merges = merges;
        this.source = source;
    }

    /** Reads OpenAI's gzip'ed merges file; {@code source} names it in error messages. */
    static ClipBpeVocabulary fromMergesGz(InputStream gz, String source) throws IOException {
        String[][] merges = new String[OPENAI_MERGE_COUNT][];
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(gz, 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            if (reader.readLine() == null) {
                throw new IllegalArgumentException(source + ": empty file, expected a header line and "
                        + OPENAI_MERGE_COUNT + " merges");
            }
            // Only the first OPENAI_MERGE_COUNT merges are used; the file holds ~262k, never read them.
            for (int rank = 0; rank < OPENAI_MERGE_COUNT; rank++) {
                String line = reader.readLine();
                if (line == null) {
                    throw new IllegalArgumentException(source + ": expected " + OPENAI_MERGE_COUNT
                            + " merge lines after the header, found " + rank);
                }
                merges[rank] = parseMerge(line, source, rank + 2);
            }
        }
        List<String> vocab = new ArrayList<>(256 * 2 + OPENAI_MERGE_COUNT + 2);
        int[] orderedBytes = ByteLevelAlphabet.orderedBytes();
        for (int b : orderedBytes) {
            vocab.add(String.valueOf(ByteLevelAlphabet.charOf(b)));
        }
        for (int b : orderedBytes) {
            vocab.add(ByteLevelAlphabet.charOf(b) + END_OF_WORD);
        }
        for (String[] merge : merges) {
            vocab.add(merge[0] + merge[1]);
        }
        vocab.add(START_OF_TEXT);
        vocab.add(END_OF_TEXT);
        String[] tokens = vocab.toArray(String[]::new);
        Map<String, Integer> ids = new HashMap<>(tokens.length * 2);
        for (int id = 0; id < tokens.length; id++) {
            ids.put(tokens[id], id);
        }
        return new ClipBpeVocabulary(tokens, ids, merges, source);
    }

    /** Reads Hugging Face's {@code vocab.json} and {@code merges.txt}. */
    static ClipBpeVocabulary fromHuggingFace(Path vocabJson, Path mergesTxt) {
        String[] tokens = VocabularyFiles.readVocabJson(vocabJson);
        Map<String, Integer> ids = new HashMap<>(tokens.length * 2);
        for (int id = 0; id < tokens.length; id++) {
            ids.put(tokens[id], id);
        }
        String[][] merges = readMergesTxt(mergesTxt);
        for (int rank = 0; rank < merges.length; rank++) {
            String merged = merges[rank][0] + merges[rank][1];
            if (!ids.containsKey(merged)) {
                throw new IllegalArgumentException(mergesTxt + ": merge " + (rank + 1) + " ("
                        + merges[rank][0] + " " + merges[rank][1] + ") produces " + quote(merged)
                        + ", which is not in " + vocabJson.getFileName());
            }
        }
        return new ClipBpeVocabulary(tokens, ids, merges, vocabJson + " + " + mergesTxt);
    }

    private static String[][] readMergesTxt(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("merges file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read merges " + file + ": " + e.getMessage(), e);
        }
        List<String[]> merges = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if ((i == 0 && line.startsWith("#version")) || line.isBlank()) {
                continue;
            }
            merges.add(parseMerge(line, file.toString(), i + 1));
        }
        if (merges.isEmpty()) {
            throw new IllegalArgumentException(file + ": no merges found");
        }
        return merges.toArray(String[][]::new);
    }

    /** Python's {@code tuple(line.split())}, which must be a pair. */
    private static String[] parseMerge(String line, String source, int lineNumber) {
        String[] parts = line.strip().split("\\s+");
        if (parts.length != 2 || parts[0].isEmpty()) {
            throw new IllegalArgumentException(source + ", line " + lineNumber
                    + ": expected a merge \"left right\", found " + quote(line));
        }
        return parts;
    }

    static String quote(String s) {
        return VocabularyFiles.quote(s);
    }
}
