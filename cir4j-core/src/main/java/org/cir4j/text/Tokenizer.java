package org.cir4j.text;

import java.util.List;

/**
 * Turns captions into the token ids a CLIP text tower consumes.
 *
 * <p>Two implementations exist: {@code ClipBpeTokenizer} (OpenAI CLIP's byte-level BPE, for real
 * checkpoints) and {@code WordLevelTokenizer} (the synthetic world's small vocabulary, for the
 * mini-CLIP). Both put a start token first and an end token last; everything after the end token is
 * padding ({@link #padId()}) that a causal text tower never sees.
 */
public interface Tokenizer {

    /** Ids of {@code text} without start/end tokens and without truncation. */
    int[] encode(String text);

    /** Text for ids (special tokens are dropped). */
    String decode(int[] ids);

    /**
     * A padded batch: every row is {@code [start, ids..., end, pad...]} of length
     * {@code contextLength}. Over-long texts are handled per {@code truncation}.
     */
    TokenBatch batch(List<String> texts, int contextLength, Truncation truncation);

    int startId();

    int endId();

    int padId();

    /** Id of the placeholder word "$" used for pseudo-word tokens (259 in CLIP's vocabulary). */
    int placeholderId();

    int vocabSize();

    /** What to do with a text whose tokens do not fit the context. */
    enum Truncation {
        /** Cut the text and keep the end token as the last position (OpenAI's {@code truncate=True}). */
        TRUNCATE,
        /** Throw {@link IllegalArgumentException} naming the text and its length. */
        ERROR
    }
}
