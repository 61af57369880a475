package org.cir4j.app.search;

import java.io.IOException;
import java.nio.file.Path;
import org.cir4j.image.ImageDecoder;
import org.cir4j.image.ImagePreprocessor;
import org.cir4j.index.gallery.ClipGalleryEncoder;
import org.cir4j.model.ClipCheckpoints;
import org.cir4j.model.ClipModel;
import org.cir4j.text.Tokenizer;
import org.cir4j.text.Tokenizers;

/** A loaded CLIP with its tokenizer, image preprocessing and fingerprint: what indexing and querying share. */
public final class ModelBundle implements AutoCloseable {

    /** Image preprocessing choices (CLIP4Cir's target pad is what its Combiner was trained with). */
    public enum Preprocess {
        clip, target_pad, square_pad;

        ImagePreprocessor at(int size) {
            return switch (this) {
                case clip -> ImagePreprocessor.clip(size);
                case target_pad -> ImagePreprocessor.targetPad(size);
                case square_pad -> ImagePreprocessor.squarePad(size);
            };
        }
    }

    private final Path dir;
    private final ClipModel model;
    private final Tokenizer tokenizer;
    private final ImagePreprocessor preprocessor;
    private final String modelId;
    private final ClipGalleryEncoder encoder;

    private ModelBundle(Path dir, ClipModel model, Tokenizer tokenizer, ImagePreprocessor preprocessor, String modelId,
                        ImageDecoder decoder) {
        this.dir = dir;
        this.model = model;
        this.tokenizer = tokenizer;
        this.preprocessor = preprocessor;
        this.modelId = modelId;
        this.encoder = new ClipGalleryEncoder(model, preprocessor, decoder, modelId);
    }

    public static ModelBundle load(Path modelDir, Preprocess preprocess, ImageDecoder decoder) throws IOException {
        String id = ClipGalleryEncoder.fingerprint(modelDir);
        Tokenizer tok = Tokenizers.load(modelDir);
        ClipModel model = ClipCheckpoints.load(modelDir);
        try {
            if (tok.vocabSize() > model.config().text().vocabSize()) {
                throw new IllegalArgumentException(modelDir + ": tokenizer has " + tok.vocabSize()
                        + " tokens but the text tower's embedding table has " + model.config().text().vocabSize());
            }
            ImagePreprocessor pre = preprocess.at(model.config().vision().imageSize());
            return new ModelBundle(modelDir.toAbsolutePath().normalize(), model, tok, pre, id, decoder);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Reads the preprocessing back from an index manifest string (so queries match how the gallery was encoded). */
    public static Preprocess preprocessOf(String manifestPreprocessing) {
        if (manifestPreprocessing.contains("mode=TARGET_PAD")) {
            return Preprocess.target_pad;
        }
        if (manifestPreprocessing.contains("mode=SQUARE_PAD")) {
            return Preprocess.square_pad;
        }
        return Preprocess.clip;
    }

    public Path dir() {
        return dir;
    }

    public ClipModel model() {
        return model;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public ImagePreprocessor preprocessor() {
        return preprocessor;
    }

    public String modelId() {
        return modelId;
    }

    public ClipGalleryEncoder encoder() {
        return encoder;
    }

    @Override
    public void close() {
        model.close();
    }
}
