package org.cir4j.methods.searle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.cir4j.model.ClipModel;
import org.cir4j.model.TorchRuntime;
import org.cir4j.text.Tokenizer;

/**
 * iSEARLE Table X: does v* hold the image's visual content? Each image's token is written into
 * "a photo of $", and the text feature queries the set of the images themselves; Recall@K is the share of
 * images ranked within the top K by their own token.
 */
public final class ImageRetrievalCheck {
    private ImageRetrievalCheck() {}

    /** Recall@1, @3, @5 in percent. */
    public static double[] recall(ClipModel model, Tokenizer tokenizer, float[][] tokens, float[][] imageFeatures) {
        int n = tokens.length;
        if (imageFeatures.length != n) {
            throw new IllegalArgumentException(n + " tokens but " + imageFeatures.length + " images");
        }
        PseudoWordText text = new PseudoWordText(model, tokenizer);
        float[][] q = new float[n][];
        TorchRuntime.withoutGradients(() -> {
            for (int from = 0; from < n; from += 256) {
                int to = Math.min(n, from + 256);
                try (NDManager m = model.manager().newSubManager()) {
                    float[][] part = new float[to - from][];
                    System.arraycopy(tokens, from, part, 0, to - from);
                    List<String> prompts = new ArrayList<>(Collections.nCopies(to - from,
                            PromptTemplates.fill(PromptTemplates.PLAIN, "$")));
                    NDArray f = ClipModel.l2Normalize(text.encode(prompts, Nd.floats(m, part), m));
                    float[][] rows = Nd.rows(f);
                    System.arraycopy(rows, 0, q, from, rows.length);
                }
            }
            return null;
        });
        float[][] g = new float[n][];
        for (int i = 0; i < n; i++) {
            g[i] = Nd.normalized(imageFeatures[i]);
        }
        int[] hits = new int[3];
        int[] ks = {1, 3, 5};
        for (int i = 0; i < n; i++) {
            double own = dot(q[i], g[i]);
            int better = 0;
            for (int j = 0; j < n; j++) {
                if (j != i && dot(q[i], g[j]) > own) {
                    better++;
                }
            }
            for (int k = 0; k < 3; k++) {
                if (better < ks[k]) {
                    hits[k]++;
                }
            }
        }
        return new double[] {100.0 * hits[0] / n, 100.0 * hits[1] / n, 100.0 * hits[2] / n};
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
