package org.cir4j.text;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Builds a {@link TokenBatch} the way OpenAI's {@code clip.tokenize} does, for any {@link Tokenizer}:
 * each row is {@code [start, ids..., end, pad...]}; a row longer than the context is either cut to
 * {@code tokens[:contextLength]} with the last position overwritten by the end token
 * ({@code truncate=True}), or rejected.
 */
final class BatchAssembler {

    /** How much of an over-long text an error message quotes. */
    private static final int QUOTED_TEXT_CHARS = 60;

    private BatchAssembler() {}

    static TokenBatch assemble(Tokenizer tokenizer, List<String> texts, int contextLength,
                               Tokenizer.Truncation truncation) {
        Objects.requireNonNull(texts, "texts");
        Objects.requireNonNull(truncation, "truncation");
        if (contextLength < 2) {
            throw new IllegalArgumentException("contextLength must be at least 2 (start and end token), got "
                    + contextLength);
        }
        int start = tokenizer.startId();
        int end = tokenizer.endId();
        int pad = tokenizer.padId();
        int[][] rows = new int[texts.size()][contextLength];
        int[] lengths = new int[texts.size()];
        for (int i = 0; i < rows.length; i++) {
            String text = texts.get(i);
            if (text == null) {
                throw new IllegalArgumentException("texts[" + i + "] is null");
            }
            int[] ids = tokenizer.encode(text);
            int total = ids.length + 2;
            if (total > contextLength && truncation == Tokenizer.Truncation.ERROR) {
                throw new IllegalArgumentException("texts[" + i + "] " + abbreviate(text) + " has " + total
                        + " tokens including start and end, more than the context length " + contextLength
                        + " (use Truncation.TRUNCATE to cut it)");
            }
            int[] row = rows[i];
            int kept = Math.min(ids.length, contextLength - 2);
            row[0] = start;
            System.arraycopy(ids, 0, row, 1, kept);
            row[kept + 1] = end;
            if (pad != 0) {
                Arrays.fill(row, kept + 2, contextLength, pad);
            }
            lengths[i] = kept + 2;
        }
        return new TokenBatch(rows, lengths, contextLength);
    }

    static String abbreviate(String text) {
        if (text.length() <= QUOTED_TEXT_CHARS) {
            return "\"" + text + "\"";
        }
        int cut = QUOTED_TEXT_CHARS;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return "\"" + text.substring(0, cut) + "…\" (" + text.length() + " chars)";
    }
}
