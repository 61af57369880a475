package org.cir4j.methods.isa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cir4j.model.ClipConfig;
import org.cir4j.model.ClipModel;
import org.cir4j.text.WordLevelTokenizer;

/** Tiny ISA configs, a tiny random CLIP and its word-level tokenizer, for fast tests. */
final class IsaTestModels {

    private IsaTestModels() {}

    /** 32 px input → 4×4 grid, 3 tokens, token width 32. */
    static IsaConfig tinyLight() {
        return new IsaConfig(1, IsaConfig.LIGHT, 32, 1.0, 8,
                List.of(new IsaConfig.Stage(1, 8, 1, 1), new IsaConfig.Stage(4, 16, 2, 2), new IsaConfig.Stage(4, 24, 1, 2)),
                32, 4, 0, 0, IsaConfig.TOKEN_LEARNER, 3, 16, 1, 2, 32);
    }

    static NDArray randomPixels(NDManager m, long seed, int batch, int size) {
        Random r = new Random(seed);
        float[] v = new float[batch * 3 * size * size];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return m.create(v, new Shape(batch, 3, size, size));
    }

    static WordLevelTokenizer tokenizer() {
        List<String> corpus = new ArrayList<>();
        corpus.add("a photo of $ that is red and has a blue circle");
        corpus.add("a photo of a green square on the left without the star");
        return WordLevelTokenizer.build(corpus, 1);
    }

    /** A random-init ViT CLIP: 32 px images, patch 8 (4×4 grid), width 32, embed 32, text width 32. */
    static ClipModel tinyClip(WordLevelTokenizer tok, NDManager m, long seed) {
        ClipConfig c = new ClipConfig(1, 32, ClipConfig.Activation.QUICK_GELU, 1e-5, ClipConfig.DEFAULT_LOGIT_SCALE_INIT,
                ClipConfig.VisionConfig.vit(32, 8, 32, 2, 2),
                ClipConfig.TextConfig.of(tok.vocabSize(), 24, 32, 2, 2, tok.endId(), tok.startId(), tok.padId()));
        return ClipModel.randomInit(c, seed, m);
    }
}
