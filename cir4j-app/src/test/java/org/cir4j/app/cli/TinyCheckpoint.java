package org.cir4j.app.cli;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import org.cir4j.model.ClipCheckpoints;
import org.cir4j.model.ClipConfig;
import org.cir4j.model.ClipModel;

/** A random-init tiny CLIP saved as a Hugging Face checkpoint (tests only; milliseconds to build). */
final class TinyCheckpoint {
    private TinyCheckpoint() {}

    /** ViT 16 px, patch 8, width 32, 2 layers; text vocab 64, context 16, width 32, 2 layers; d = 16. */
    static ClipConfig config() {
        return new ClipConfig(1, 16, ClipConfig.Activation.QUICK_GELU, 1e-5, ClipConfig.DEFAULT_LOGIT_SCALE_INIT,
                ClipConfig.VisionConfig.vit(16, 8, 32, 2, 2), ClipConfig.TextConfig.of(64, 16, 32, 2, 2, 63, 62, 0));
    }

    static Path write(Path dir) throws IOException {
        try (NDManager m = NDManager.newBaseManager(); ClipModel model = ClipModel.randomInit(config(), 1, m)) {
            ClipCheckpoints.save(model, dir);
        }
        return dir;
    }
}
