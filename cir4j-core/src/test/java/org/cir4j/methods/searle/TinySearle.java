package org.cir4j.methods.searle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cir4j.model.ClipConfig;
import org.cir4j.model.ClipModel;
import org.cir4j.model.TorchRuntime;
import org.cir4j.text.WordLevelTokenizer;

/** A random-init tiny CLIP (width 32, 2 layers, 16 px), a word-level tokenizer and a small phrase bank. */
final class TinySearle implements AutoCloseable {
    static final List<String> CONCEPTS = List.of("red circle", "blue square", "green star", "circle", "square", "star");

    final NDManager manager = NDManager.newBaseManager();
    final WordLevelTokenizer tokenizer;
    final ClipModel model;
    final PhraseBank bank;

    TinySearle(long seed) {
        // One intra-op thread: on a loaded 2-core machine OpenMP's spinning makes tiny ops 10x slower.
        TorchRuntime.setIntraOpThreads(1);
        Map<String, List<String>> phrases = new LinkedHashMap<>();
        String[] tails = {"is small", "is large and is on the left", "is above a square", "has stripes", "is in the centre"};
        for (String c : CONCEPTS) {
            List<String> ps = new ArrayList<>();
            for (String t : tails) {
                ps.add("a photo of " + c + " that " + t);
            }
            phrases.put(c, ps);
        }
        bank = new PhraseBank(phrases);
        List<String> corpus = new ArrayList<>();
        phrases.values().forEach(corpus::addAll);
        corpus.add("a photo of that and , has");
        tokenizer = WordLevelTokenizer.build(corpus, 1);
        ClipConfig c = new ClipConfig(1, 32, ClipConfig.Activation.QUICK_GELU, 1e-5,
                ClipConfig.DEFAULT_LOGIT_SCALE_INIT, ClipConfig.VisionConfig.vit(16, 8, 32, 2, 2),
                ClipConfig.TextConfig.of(tokenizer.vocabSize(), 24, 32, 2, 2, tokenizer.endId(), tokenizer.startId(),
                        tokenizer.padId()));
        model = ClipModel.randomInit(c, seed, manager);
    }

    /** Image features (n,d) of n random 16-px images. */
    float[][] imageFeatures(int n, long seed) {
        Random r = new Random(seed);
        float[] px = new float[n * 3 * 16 * 16];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) r.nextGaussian();
        }
        return TorchRuntime.withoutGradients(() -> {
            try (NDManager m = manager.newSubManager()) {
                NDArray f = model.encodeImage(m.create(px, new Shape(n, 3, 16, 16)));
                return Nd.rows(f);
            }
        });
    }

    /** Text features (n,d) of plain texts. */
    float[][] textFeatures(List<String> texts) {
        PseudoWordText text = new PseudoWordText(model, tokenizer);
        return TorchRuntime.withoutGradients(() -> {
            try (NDManager m = manager.newSubManager()) {
                return Nd.rows(text.encodePlain(texts, m));
            }
        });
    }

    /** Text features of prompts with "$", every row using {@code token}. */
    float[][] textFeaturesWithToken(List<String> prompts, float[] token) {
        PseudoWordText text = new PseudoWordText(model, tokenizer);
        float[][] rows = new float[prompts.size()][];
        java.util.Arrays.fill(rows, token);
        return TorchRuntime.withoutGradients(() -> {
            try (NDManager m = manager.newSubManager()) {
                return Nd.rows(text.encode(prompts, Nd.floats(m, rows), m));
            }
        });
    }

    /** Cosine similarity of the text features of "a photo of a $" (one of the OTI templates) with each token against each image. */
    float[][] imageRetrieval(float[][] tokens, float[][] images) {
        PseudoWordText text = new PseudoWordText(model, tokenizer);
        return TorchRuntime.withoutGradients(() -> {
            try (NDManager m = manager.newSubManager()) {
                List<String> prompts = new ArrayList<>();
                for (int i = 0; i < tokens.length; i++) {
                    prompts.add("a photo of a $");
                }
                NDArray t = text.encode(prompts, Nd.floats(m, tokens), m);
                return Nd.rows(ClipModel.cosineSimilarity(t, Nd.floats(m, images)));
            }
        });
    }

    static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public void close() {
        model.close();
        manager.close();
    }
}
