package org.cir4j.methods.baseline;

import java.util.ArrayList;
import java.util.List;
import org.cir4j.methods.ComposerInput;
import org.cir4j.model.ClipBatchEncoder;
import org.cir4j.model.ClipModel;
import org.cir4j.text.TokenBatch;
import org.cir4j.text.Tokenizer;

/**
 * CLIP text features ψT of the relative captions of a batch of queries, one row per query.
 *
 * <p>Captions are tokenised with the model's tokenizer at the model's context length. Over-long texts are cut
 * keeping the end token (OpenAI's {@code clip.tokenize(..., truncate=True)}); the reference code calls
 * {@code clip.tokenize} without {@code truncate} and would stop with an error instead, which no caption of the
 * published datasets triggers at 77 tokens.
 */
final class TextFeatures {
    private final ClipModel model;
    private final Tokenizer tokenizer;
    private final FashionIqCaptions fashionIq;
    private final ClipBatchEncoder encoder;

    TextFeatures(ClipModel model, Tokenizer tokenizer, FashionIqCaptions fashionIq, int batchSize) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.fashionIq = fashionIq;
        this.encoder = new ClipBatchEncoder(model, batchSize);
    }

    /**
     * @param normalizeParts {@code true}: each text feature is L2-normalised (and FashionIQ's two orders are combined
     *                       as normalise(normalise(f1) + normalise(f2)), iSEARLE's rule); {@code false}: raw features
     *                       (two orders are averaged)
     */
    float[][] encode(List<ComposerInput> queries, boolean normalizeParts) {
        List<String> texts = new ArrayList<>();
        int[] first = new int[queries.size() + 1];
        for (int q = 0; q < queries.size(); q++) {
            first[q] = texts.size();
            try {
                texts.addAll(fashionIq.texts(queries.get(q).captions()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("query " + q + " of the batch: " + e.getMessage(), e);
            }
        }
        first[queries.size()] = texts.size();
        TokenBatch tokens = tokenizer.batch(texts, model.config().text().contextLength(), Tokenizer.Truncation.TRUNCATE);
        float[][] raw = encoder.encodeTexts(tokens, false);
        float[][] out = new float[queries.size()][];
        for (int q = 0; q < queries.size(); q++) {
            int n = first[q + 1] - first[q];
            if (n == 1) {
                float[] f = raw[first[q]];
                out[q] = normalizeParts ? Vectors.normalized(f, "text feature of query " + q) : f;
            } else {
                float[] a = raw[first[q]];
                float[] b = raw[first[q] + 1];
                if (normalizeParts) {
                    out[q] = Vectors.normalized(Vectors.sum(Vectors.normalized(a, "text feature of query " + q + " (c1 and c2)"),
                            Vectors.normalized(b, "text feature of query " + q + " (c2 and c1)"), "query " + q), "text feature of query " + q);
                } else {
                    float[] s = Vectors.sum(a, b, "query " + q);
                    for (int i = 0; i < s.length; i++) {
                        s[i] *= 0.5f;
                    }
                    out[q] = s;
                }
            }
        }
        return out;
    }
}
