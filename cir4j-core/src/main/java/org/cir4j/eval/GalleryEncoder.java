package org.cir4j.eval;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.cir4j.data.GalleryImage;
import org.cir4j.image.ImageDecoder;
import org.cir4j.image.ImagePreprocessor;
import org.cir4j.index.FeatureCache;
import org.cir4j.index.GalleryFeatures;
import org.cir4j.model.ClipBatchEncoder;
import org.cir4j.model.ClipModel;

/**
 * Raw (unnormalised) CLIP image features ψI of gallery images through a {@link FeatureCache}, so each
 * (model, preprocessing, image content) is encoded once. Raw, because some methods (CLIP4Cir's Combiner) consume
 * raw features; the evaluator normalises gallery rows before ranking.
 *
 * <p>Images of a batch are decoded and preprocessed in parallel (Java), then encoded in one forward pass.
 */
public final class GalleryEncoder {
    private final ClipModel model;
    private final ImagePreprocessor preprocessor;
    private final FeatureCache cache;
    private final int batchSize;
    private final ImageDecoder decoder = new ImageDecoder();

    /**
     * @param modelKey identifies the weights exactly (see {@link ModelFingerprint})
     */
    public GalleryEncoder(ClipModel model, String modelKey, ImagePreprocessor preprocessor, Path cacheDir, int batchSize) {
        this.model = Objects.requireNonNull(model, "model");
        this.preprocessor = Objects.requireNonNull(preprocessor, "preprocessor");
        if (preprocessor.size() != model.config().vision().imageSize()) {
            throw new IllegalArgumentException("preprocessing makes " + preprocessor.size() + " px images but the model's vision tower expects "
                    + model.config().vision().imageSize() + " px");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("encode batch size must be positive, got " + batchSize);
        }
        this.cache = new FeatureCache(cacheDir, modelKey, preprocessor.toString());
        this.batchSize = batchSize;
    }

    public FeatureCache cache() {
        return cache;
    }

    /**
     * Features of {@code images} (cached ones are read, the rest encoded and added to the cache).
     *
     * @param progress stage {@code stage}, counted in images that need encoding (not reported when the cache holds all)
     */
    public FeatureCache.Result features(List<GalleryImage> images, String stage, EvalProgress progress) {
        ClipBatchEncoder encoder = new ClipBatchEncoder(model, batchSize);
        return cache.features(images, paths -> encode(encoder, paths), batchSize, FeatureCache.DEFAULT_CHECKPOINT_EVERY, (done, total) -> {
            if (total > 0) {
                progress.update(stage, done, total);
            }
        });
    }

    /** Raw features of image files (no cache). */
    public float[][] encode(List<Path> paths) {
        return encode(new ClipBatchEncoder(model, batchSize), paths);
    }

    private float[][] encode(ClipBatchEncoder encoder, List<Path> paths) {
        float[][] pixels = new float[paths.size()][];
        IntStream.range(0, paths.size()).parallel().forEach(i -> pixels[i] = pixels(paths.get(i)));
        try {
            return encoder.encodeImages(paths.size(), (NDManager m, int from, int to) ->
                    ImagePreprocessor.stack(m, java.util.Arrays.asList(pixels).subList(from, to), preprocessor.size()), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private float[] pixels(Path path) {
        try {
            return preprocessor.apply(decoder.decode(path));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode gallery image " + path + ": " + e.getMessage(), e);
        }
    }

    /** Convenience: the features alone. */
    public GalleryFeatures galleryFeatures(List<GalleryImage> images) {
        return features(images, "encode", EvalProgress.NONE).features();
    }
}
