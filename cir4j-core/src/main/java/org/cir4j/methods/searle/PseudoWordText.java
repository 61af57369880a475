package org.cir4j.methods.searle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.cir4j.model.ClipModel;
import org.cir4j.text.TokenBatch;
import org.cir4j.text.Tokenizer;

/**
 * Text features of prompts that contain the pseudo-word {@code $}: row r's occurrences of the placeholder
 * all receive the token vector r (a phrase may name its concept twice, and the reference φ training
 * replaces every occurrence). Differentiable with respect to the vectors.
 */
public final class PseudoWordText {
    private final ClipModel model;
    private final Tokenizer tokenizer;
    private final int context;

    public PseudoWordText(ClipModel model, Tokenizer tokenizer) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.context = model.config().text().contextLength();
    }

    public ClipModel model() {
        return model;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /**
     * @param prompts B prompts, each with at least one {@code $} that survives truncation
     * @param vectors (B,w) pseudo-word tokens
     * @return (B,d) unnormalised text features, in {@code manager}
     */
    public NDArray encode(List<String> prompts, NDArray vectors, NDManager manager) {
        if (vectors.getShape().get(0) != prompts.size()) {
            throw new IllegalArgumentException("pseudo-word vectors: expected " + prompts.size() + " rows (one per prompt), found "
                    + vectors.getShape());
        }
        TokenBatch batch = tokenizer.batch(prompts, context, Tokenizer.Truncation.TRUNCATE);
        int ph = tokenizer.placeholderId();
        int total = 0;
        int[] counts = new int[prompts.size()];
        for (int r = 0; r < prompts.size(); r++) {
            int[] row = batch.ids()[r];
            for (int c = 0; c < batch.lengths()[r]; c++) {
                if (row[c] == ph) {
                    counts[r]++;
                }
            }
            if (counts[r] == 0) {
                throw new IllegalArgumentException("prompt " + r + " has no pseudo-word '$' within the context of "
                        + context + " tokens: '" + prompts.get(r) + "'");
            }
            total += counts[r];
        }
        long[] rowOf = new long[total];
        int k = 0;
        for (int r = 0; r < counts.length; r++) {
            for (int j = 0; j < counts[r]; j++) {
                rowOf[k++] = r;
            }
        }
        NDArray ids = ClipModel.tokenIds(batch, manager);
        NDArray expanded = k == prompts.size() ? vectors : vectors.get(Nd.longs(manager, rowOf, new Shape(total)));
        return model.encodeTextWithPseudoTokens(ids, expanded, ph);
    }

    /** Text features (B,d) of ordinary texts, unnormalised, in {@code manager}. */
    public NDArray encodePlain(List<String> texts, NDManager manager) {
        TokenBatch batch = tokenizer.batch(texts, context, Tokenizer.Truncation.TRUNCATE);
        return model.encodeText(ClipModel.tokenIds(batch, manager));
    }
}
