package org.cir4j.index.gallery;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cir4j.image.ImageDecoder;
import org.cir4j.image.ImagePreprocessor;
import org.cir4j.model.ClipBatchEncoder;
import org.cir4j.model.ClipModel;

/** Gallery features from a CLIP image encoder (raw, as {@code encode_image} returns them). */
public final class ClipGalleryEncoder implements GalleryImageEncoder {

    private final ClipModel model;
    private final ImagePreprocessor preprocessor;
    private final ImageDecoder decoder;
    private final String modelId;

    public ClipGalleryEncoder(ClipModel model, ImagePreprocessor preprocessor, ImageDecoder decoder, String modelId) {
        this.model = model;
        this.preprocessor = preprocessor;
        this.decoder = decoder;
        this.modelId = modelId;
    }

    /**
     * Fingerprint of a model directory: SHA-256 over its config, weights and tokenizer files (names and bytes),
     * first 16 hex digits. Two copies of the same checkpoint get the same id; retrained weights do not.
     */
    public static String fingerprint(Path modelDir) throws IOException {
        if (!Files.isDirectory(modelDir)) {
            throw new IOException("model directory not found: " + modelDir);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(modelDir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".json") || n.endsWith(".safetensors") || n.endsWith(".txt") || n.endsWith(".gz");
                    })
                    .sorted()
                    .collect(Collectors.toList());
        }
        if (files.isEmpty()) {
            throw new IOException("model directory " + modelDir + " holds no config, weights or tokenizer files");
        }
        return ContentHash.ofFiles(files).substring(0, 16);
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public String preprocessing() {
        return preprocessor.toString();
    }

    @Override
    public int dim() {
        return model.config().embedDim();
    }

    /** The raw image feature of one already decoded file (server uploads). */
    public float[] encodeOne(org.cir4j.image.DecodedImage image) throws IOException {
        float[] pixels = preprocessor.apply(image);
        return new ClipBatchEncoder(model, 1).encodeImages(1,
                (m, from, to) -> ImagePreprocessor.stack(m, List.of(pixels), preprocessor.size()), false)[0];
    }

    @Override
    public float[][] encode(List<Path> files) throws IOException {
        List<float[]> pixels = new ArrayList<>(files.size());
        for (Path f : files) {
            pixels.add(preprocessor.apply(decoder.decode(f)));
        }
        return new ClipBatchEncoder(model, Math.max(1, files.size())).encodeImages(files.size(),
                (NDManager m, int from, int to) -> ImagePreprocessor.stack(m, pixels.subList(from, to), preprocessor.size()),
                false);
    }
}
