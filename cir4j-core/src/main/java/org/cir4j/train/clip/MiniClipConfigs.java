package org.cir4j.train.clip;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cir4j.model.ClipConfig;
import org.cir4j.text.Tokenizer;

/**
 * Named architectures for the mini-CLIP, sized for training on a few CPU cores.
 *
 * <p>Every config is a ViT (so the checkpoint is a Hugging Face {@code CLIPModel}) with CLIP's
 * QuickGELU, LayerNorm epsilon 1e-5, MLP ratio 4 and initial logit scale ln(1/0.07). The text tower's
 * vocabulary and special ids come from the tokenizer: the end id must be the largest id (see
 * {@link org.cir4j.text.WordLevelTokenizer#withEndTokenLast()}), so first-occurrence pooling and
 * OpenAI's argmax pooling agree.
 *
 * <ul>
 *   <li>{@code tiny}: 48 px, patch 8 (36 patches), vision 64×4, text 64×2, d 64 — the first attempt's
 *       size; fast but too coarse for shape, pattern and count;</li>
 *   <li>{@code small}: 64 px, patch 8 (64 patches, 8 px each: finer detail for shape, pattern and
 *       count), vision 64×4, text 64×3, d 64 — what fits 60 minutes on a busy 2-core machine;</li>
 *   <li>{@code base}: 96 px (the world's resolution), patch 12 (64 patches), vision 128×6, text
 *       128×4, d 128 — for a faster machine.</li>
 * </ul>
 */
public final class MiniClipConfigs {

    /** Text context: the world's longest absolute caption is 37 pieces plus start and end. */
    public static final int CONTEXT_LENGTH = 64;

    private record Size(int image, int patch, int visionWidth, int visionLayers, int textWidth, int textLayers,
                        int embed) {}

    private static final Map<String, Size> SIZES = new LinkedHashMap<>();

    static {
        SIZES.put("tiny", new Size(48, 8, 64, 4, 64, 2, 64));
        SIZES.put("small", new Size(64, 8, 64, 4, 64, 3, 64));
        SIZES.put("base", new Size(96, 12, 128, 6, 128, 4, 128));
    }

    private MiniClipConfigs() {}

    /** The names accepted by {@link #named}. */
    public static List<String> names() {
        return List.copyOf(SIZES.keySet());
    }

    /** The config called {@code name} with the tokenizer's vocabulary and special ids. */
    public static ClipConfig named(String name, Tokenizer tokenizer) {
        Size s = SIZES.get(name);
        if (s == null) {
            throw new IllegalArgumentException("unknown mini-CLIP config '" + name + "' (known: " + names() + ")");
        }
        return build(s.image, s.patch, s.visionWidth, s.visionLayers, s.textWidth, s.textLayers, s.embed, tokenizer);
    }

    /**
     * A custom mini-CLIP (tests use a few-pixel, two-layer one). Heads are width/32 (at least 1), as in
     * CLIP's 64-wide heads scaled down.
     */
    public static ClipConfig build(int imageSize, int patchSize, int visionWidth, int visionLayers, int textWidth,
                                   int textLayers, int embedDim, Tokenizer tokenizer) {
        if (tokenizer.endId() != tokenizer.vocabSize() - 1) {
            throw new IllegalArgumentException("the tokenizer's end id " + tokenizer.endId()
                    + " must be its largest id " + (tokenizer.vocabSize() - 1)
                    + " (use WordLevelTokenizer.withEndTokenLast()), so that both CLIP pooling rules agree");
        }
        ClipConfig.VisionConfig vision = ClipConfig.VisionConfig.vit(imageSize, patchSize, visionWidth, visionLayers,
                heads(visionWidth));
        ClipConfig.TextConfig text = new ClipConfig.TextConfig(tokenizer.vocabSize(), CONTEXT_LENGTH, textWidth,
                heads(textWidth), textLayers, 4 * textWidth, tokenizer.endId(), tokenizer.startId(), tokenizer.padId());
        return new ClipConfig(ClipConfig.FORMAT_VERSION, embedDim, ClipConfig.Activation.QUICK_GELU, 1e-5,
                ClipConfig.DEFAULT_LOGIT_SCALE_INIT, vision, text);
    }

    private static int heads(int width) {
        return Math.max(1, width / 32);
    }
}
