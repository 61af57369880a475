package org.cir4j.methods.clip4cir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.cir4j.image.ImagePreprocessor;
import org.cir4j.model.ClipCheckpoints;
import org.cir4j.model.ClipModel;
import org.cir4j.text.Tokenizer;
import org.cir4j.text.Tokenizers;

/** A CLIP with its tokenizer and the preprocessing CLIP4Cir uses with it. */
public record ClipSetup(Path dir, ClipModel model, Tokenizer tokenizer, ImagePreprocessor preprocessor) implements AutoCloseable {

    /** Marker file a stage-1 fine-tuned CLIP directory carries (see {@link ClipFineTuner}). */
    public static final String FINE_TUNE_MARKER = "clip4cir_finetune.json";

    /**
     * Loads {@code dir} (HF/open_clip CLIP + tokenizer files).
     *
     * @param preprocess {@code target-pad} (CLIP4Cir's, ratio {@code targetRatio}), {@code clip} (resize + centre
     *                   crop) or {@code square-pad}
     */
    public static ClipSetup load(Path dir, String preprocess, double targetRatio) throws IOException {
        ClipModel model = ClipCheckpoints.load(dir);
        try {
            Tokenizer tok = Tokenizers.load(dir);
            return new ClipSetup(dir, model, tok, preprocessor(preprocess, targetRatio, model.config().vision().imageSize()));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public static ImagePreprocessor preprocessor(String name, double targetRatio, int size) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "target-pad", "targetpad" -> ImagePreprocessor.targetPad(size, targetRatio);
            case "clip", "standard" -> ImagePreprocessor.clip(size);
            case "square-pad", "squarepad", "square" -> ImagePreprocessor.squarePad(size);
            default -> throw new IllegalArgumentException("unknown preprocessing '" + name
                    + "'; expected target-pad, clip or square-pad");
        };
    }

    /** Whether this directory is the output of stage-1 fine-tuning. */
    public boolean isFineTuned() {
        return Files.isRegularFile(dir.resolve(FINE_TUNE_MARKER));
    }

    /**
     * Saves {@code model} in {@code dir}: the Hugging Face layout where it can express the model, otherwise (a
     * ResNet tower, or a word-level tokenizer whose end id 2 transformers would misread as its legacy pooling
     * rule) the open_clip layout ({@code open_clip_config.json} keeps the end id); both load through
     * {@link ClipCheckpoints#load}. Stale weights of the other layout are removed.
     */
    public static void saveModel(ClipModel model, Path dir) throws IOException {
        Files.createDirectories(dir);
        Integer eos = model.config().text().eosTokenId();
        boolean hf = model.config().vision().type() == org.cir4j.model.ClipConfig.VisionType.VIT && (eos == null || eos != 2);
        if (hf) {
            ClipCheckpoints.save(model, dir);
            Files.deleteIfExists(dir.resolve("open_clip_model.safetensors"));
            Files.deleteIfExists(dir.resolve("open_clip_config.json"));
            return;
        }
        Path weights = dir.resolve("open_clip_model.safetensors");
        Path tmp = Files.createTempFile(dir, "open_clip_model", ".tmp");
        try {
            org.cir4j.model.SafeTensors.write(tmp, model.stateDict());
            org.cir4j.util.AtomicFiles.move(tmp, weights);
        } finally {
            Files.deleteIfExists(tmp);
        }
        org.cir4j.util.AtomicFiles.writeString(dir.resolve("open_clip_config.json"),
                new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(model.config().toOpenClip()));
        Files.deleteIfExists(dir.resolve("model.safetensors"));
        Files.deleteIfExists(dir.resolve("config.json"));
    }

    @Override
    public void close() {
        model.close();
    }
}
