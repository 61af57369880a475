package org.cir4j.app.cli;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.cir4j.model.ClipConfig;
import org.cir4j.model.ClipModel;
import org.cir4j.model.SafeTensors;
import org.cir4j.text.WordLevelTokenizer;

/** A random-init tiny CLIP saved as an open_clip checkpoint with a word-level tokenizer (tests only). */
final class TinyCheckpoint {
    private TinyCheckpoint() {}

    /** Words of the tokenizer's corpus (with the 5 specials, fewer than the 64 vocabulary rows). */
    static final List<String> CORPUS = List.of("a red circle on a blue square", "is green and larger",
            "same shape but yellow", "without the triangle");

    /** ViT 16 px, patch 8, width 32, 2 layers; text vocab 64, context 16, width 32, 2 layers; d = 16. */
    static ClipConfig config() {
        // Word-level ids: pad 0, start 1, end 2.
        return new ClipConfig(1, 16, ClipConfig.Activation.QUICK_GELU, 1e-5, ClipConfig.DEFAULT_LOGIT_SCALE_INIT,
                ClipConfig.VisionConfig.vit(16, 8, 32, 2, 2), ClipConfig.TextConfig.of(64, 16, 32, 2, 2, 2, 1, 0));
    }

    static Path write(Path dir) throws IOException {
        try (NDManager m = NDManager.newBaseManager(); ClipModel model = ClipModel.randomInit(config(), 1, m)) {
            // open_clip layout: a Hugging Face config cannot say "end token 2" (transformers' legacy marker).
            java.nio.file.Files.createDirectories(dir);
            SafeTensors.write(dir.resolve("open_clip_model.safetensors"), model.stateDict());
            java.nio.file.Files.writeString(dir.resolve("open_clip_config.json"), model.config().toOpenClip().toString());
        }
        WordLevelTokenizer.build(CORPUS, 1).save(dir);
        return dir;
    }
}
