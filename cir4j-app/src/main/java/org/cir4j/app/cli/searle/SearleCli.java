package org.cir4j.app.cli.searle;

import java.io.IOException;
import java.nio.file.Path;
import org.cir4j.image.ImagePreprocessor;
import org.cir4j.model.ClipCheckpoints;
import org.cir4j.model.ClipModel;
import org.cir4j.model.TorchRuntime;

/** Shared pieces of the SEARLE/iSEARLE commands. */
final class SearleCli {
    private SearleCli() {}

    static ClipModel loadModel(Path dir) throws IOException {
        String threads = System.getenv("CIR4J_THREADS");
        if (threads != null && !threads.isBlank()) {
            TorchRuntime.setIntraOpThreads(Integer.parseInt(threads.trim()));
        }
        return ClipCheckpoints.load(dir);
    }

    /**
     * The reference code's preprocessing choices (CLIP's resize + centre crop, or target-pad 1.25, its default), plus
     * square-pad, which the evaluation harness uses for the synthetic world: φ must see the features it will get.
     */
    static ImagePreprocessor preprocessor(String kind, int size) {
        return switch (kind) {
            case "clip" -> ImagePreprocessor.clip(size);
            case "targetpad" -> ImagePreprocessor.targetPad(size);
            case "squarepad" -> ImagePreprocessor.squarePad(size);
            default -> throw new IllegalArgumentException("--preprocess " + kind + ": expected clip, targetpad or squarepad");
        };
    }
}
