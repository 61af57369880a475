package org.cir4j.methods.searle;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.cir4j.model.ClipBatchEncoder;
import org.cir4j.model.ClipModel;
import org.cir4j.text.Tokenizer;

/**
 * CLIP zero-shot association of images with concepts (the reference {@code image_concepts_association.py}):
 * every concept is written into each prompt template, the normalised text features are averaged and
 * renormalised (prompt ensembling), and each image keeps its k concepts of highest cosine similarity.
 */
public final class ConceptAssociation {
    private final List<String> concepts;
    private final float[][] features;
    private final List<String> templates;

    private ConceptAssociation(List<String> concepts, float[][] features, List<String> templates) {
        this.concepts = List.copyOf(concepts);
        this.features = features;
        this.templates = List.copyOf(templates);
    }

    /** Encodes {@code concepts} with the usable subset of {@code templates}. */
    public static ConceptAssociation encode(ClipModel model, Tokenizer tokenizer, List<String> concepts,
                                            List<String> templates) {
        if (concepts.isEmpty()) {
            throw new IllegalArgumentException("concept association needs at least one concept");
        }
        List<String> usable = PromptTemplates.usable(templates, tokenizer);
        List<String> texts = new ArrayList<>();
        for (String c : concepts) {
            for (String t : usable) {
                texts.add(PromptTemplates.fill(t, c));
            }
        }
        int ctx = model.config().text().contextLength();
        float[][] all = new ClipBatchEncoder(model, 256)
                .encodeTexts(tokenizer.batch(texts, ctx, Tokenizer.Truncation.TRUNCATE), true);
        int d = all[0].length;
        float[][] out = new float[concepts.size()][];
        for (int c = 0; c < concepts.size(); c++) {
            float[] mean = new float[d];
            for (int t = 0; t < usable.size(); t++) {
                float[] f = all[c * usable.size() + t];
                for (int j = 0; j < d; j++) {
                    mean[j] += f[j];
                }
            }
            out[c] = Nd.normalized(mean);
        }
        return new ConceptAssociation(concepts, out, usable);
    }

    public List<String> concepts() {
        return concepts;
    }

    /** The templates actually used (those the tokenizer can write). */
    public List<String> templates() {
        return templates;
    }

    /**
     * Per image, the indices (into {@link #concepts()}) of its {@code k} most similar concepts, best first.
     *
     * @param imageFeatures (N,d), raw or normalised (cosine similarity is used)
     */
    public int[][] topK(float[][] imageFeatures, int k) {
        int kk = Math.min(k, concepts.size());
        int[][] out = new int[imageFeatures.length][];
        for (int i = 0; i < imageFeatures.length; i++) {
            float[] x = Nd.normalized(imageFeatures[i]);
            if (x.length != features[0].length) {
                throw new IllegalArgumentException("image feature " + i + " has " + x.length
                        + " values, the concept features have " + features[0].length);
            }
            PriorityQueue<double[]> heap = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
            for (int c = 0; c < features.length; c++) {
                double s = 0;
                for (int j = 0; j < x.length; j++) {
                    s += x[j] * features[c][j];
                }
                heap.add(new double[] {s, c});
                if (heap.size() > kk) {
                    heap.poll();
                }
            }
            int[] best = new int[heap.size()];
            for (int r = best.length - 1; r >= 0; r--) {
                best[r] = (int) heap.poll()[1];
            }
            out[i] = best;
        }
        return out;
    }
}
