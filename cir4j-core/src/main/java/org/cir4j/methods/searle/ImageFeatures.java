package org.cir4j.methods.searle;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cir4j.image.DecodedImage;
import org.cir4j.image.ImageDecoder;
import org.cir4j.image.ImagePreprocessor;
import org.cir4j.model.ClipBatchEncoder;
import org.cir4j.model.ClipModel;
import org.cir4j.world.ProgressListener;

/** Lists image files and encodes them with the frozen CLIP image encoder (raw features, batch by batch). */
public final class ImageFeatures {
    private ImageFeatures() {}

    /**
     * The images named by {@code source}: a directory (its .png/.jpg/.jpeg/.webp files, sorted) or a text
     * file with one path per line, relative to the file's folder (the world's {@code unlabelled.txt}).
     */
    public static List<Path> list(Path source) throws IOException {
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(source)) {
            try (Stream<Path> s = Files.list(source)) {
                s.filter(p -> p.getFileName().toString().toLowerCase().matches(".*\\.(png|jpe?g|webp)$"))
                        .sorted().forEach(out::add);
            }
        } else if (Files.isRegularFile(source)) {
            Path base = source.toAbsolutePath().getParent();
            for (String line : Files.readAllLines(source, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(base.resolve(line.trim()));
                }
            }
        } else {
            throw new IOException("images: " + source + " is neither a directory nor a list file");
        }
        if (out.isEmpty()) {
            throw new IOException("images: " + source + " names no image");
        }
        // Token banks and φ's targets key on the name (file name without extension): two images with one name would
        // silently share a token, and a resumed OTI run would find half-written batches.
        Map<String, Path> byName = new HashMap<>();
        for (Path p : out) {
            Path had = byName.putIfAbsent(name(p), p);
            if (had != null) {
                throw new IllegalArgumentException("images: " + source + " lists two images named '" + name(p) + "' ("
                        + had + " and " + p + "); tokens are stored by file name without extension, so list each image once");
            }
        }
        return out;
    }

    /** The name an image is known by in token banks: its file name without extension (the datasets' image ids). */
    public static String name(Path image) {
        String f = image.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }

    /** Raw CLIP image features (N,d) of {@code images}, in input order. */
    public static float[][] encode(ClipModel model, ImagePreprocessor preprocessor, List<Path> images, int batch,
                                   ProgressListener progress) throws IOException {
        ImageDecoder decoder = new ImageDecoder();
        int[] done = {0};
        ClipBatchEncoder encoder = new ClipBatchEncoder(model, batch);
        return encoder.encodeImages(images.size(), (NDManager m, int from, int to) -> {
            List<DecodedImage> decoded = new ArrayList<>();
            for (int i = from; i < to; i++) {
                decoded.add(decoder.decode(images.get(i)));
            }
            done[0] = to;
            progress.update("image features", done[0], images.size());
            return preprocessor.batch(m, decoded);
        }, false);
    }
}
