package org.cir4j.app.encode;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cir4j.image.DecodedImage;
import org.cir4j.image.ImageDecodeException;
import org.cir4j.image.ImageDecoder;
import org.cir4j.image.ImagePreprocessor;
import org.cir4j.index.FeatureFile;
import org.cir4j.model.ClipModel;
import org.cir4j.model.TorchRuntime;

/**
 * Encodes a list of image files into a {@link FeatureFile}, batch by batch, resumably.
 *
 * <p>Every {@code checkpointEvery} images the rows so far are written to {@code OUT.partial} (atomically);
 * a later run with the same model, preprocessing, normalisation and image list continues from there, so a
 * killed run over a large gallery loses at most one checkpoint interval. A partial file from a different run
 * is refused rather than silently mixed in. Images that cannot be decoded are skipped and reported by name
 * (or, with {@code strict}, stop the run).
 */
public final class ImageEncodingJob {

    /** Called after each batch: images processed so far (encoded or skipped), total. */
    public interface Progress {
        void update(long done, long total);
    }

    /** Outcome: rows written, images skipped (name → reason), whether the run resumed a partial file. */
    public record Result(int encoded, Map<String, String> skipped, int resumedFrom) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClipModel model;
    private final ImagePreprocessor preprocessor;
    private final ImageDecoder decoder = new ImageDecoder();
    private final int batchSize;
    private final boolean normalize;
    private final boolean strict;
    private final int checkpointEvery;
    private final Map<String, String> description;

    /**
     * @param description what produced the features (model, preprocessing), stored in the file's metadata
     *     and part of the resume key
     */
    public ImageEncodingJob(ClipModel model, ImagePreprocessor preprocessor, int batchSize, boolean normalize,
            boolean strict, int checkpointEvery, Map<String, String> description) {
        if (batchSize < 1 || checkpointEvery < 1) {
            throw new IllegalArgumentException("batch size and checkpoint interval must be >= 1, found "
                    + batchSize + " and " + checkpointEvery);
        }
        if (preprocessor.size() != model.config().vision().imageSize()) {
            throw new IllegalArgumentException("preprocessing makes " + preprocessor.size() + " px images, the model's "
                    + "vision tower expects " + model.config().vision().imageSize() + " px");
        }
        this.model = model;
        this.preprocessor = preprocessor;
        this.batchSize = batchSize;
        this.normalize = normalize;
        this.strict = strict;
        this.checkpointEvery = checkpointEvery;
        this.description = Map.copyOf(description);
    }

    /** The partial (checkpoint) file of {@code out}. */
    public static Path partialFile(Path out) {
        return out.resolveSibling(out.getFileName() + ".partial");
    }

    /** Encodes {@code images} into {@code out}. */
    public Result run(List<ImageDiscovery.ImageFile> images, Path out, Progress progress) throws IOException {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images to encode");
        }
        String key = runKey(images);
        Path partial = partialFile(out);
        FeatureRows rows = new FeatureRows();
        Map<String, String> skipped = new LinkedHashMap<>();
        int start = 0;
        if (Files.exists(partial)) {
            start = resume(partial, key, images, rows, skipped);
        }
        int resumedFrom = start;
        int sinceCheckpoint = 0;
        progress.update(start, images.size());
        for (int from = start; from < images.size(); from += batchSize) {
            int to = Math.min(images.size(), from + batchSize);
            encodeBatch(images.subList(from, to), rows, skipped);
            sinceCheckpoint += to - from;
            progress.update(to, images.size());
            if (sinceCheckpoint >= checkpointEvery && to < images.size()) {
                FeatureFile.write(partial, rows.names(), rows.matrix(), dimOf(rows), metadata(key, to, skipped));
                sinceCheckpoint = 0;
            }
        }
        if (rows.size() == 0) {
            throw new IOException("none of the " + images.size() + " images could be decoded; first failure: "
                    + skipped.entrySet().iterator().next());
        }
        Map<String, String> meta = new LinkedHashMap<>(description);
        meta.put("kind", "image");
        meta.put("normalized", Boolean.toString(normalize));
        meta.put("skipped", Integer.toString(skipped.size()));
        FeatureFile.write(out, rows.names(), rows.matrix(), rows.dim(), meta);
        Files.deleteIfExists(partial);
        return new Result(rows.size(), skipped, resumedFrom);
    }

    private int dimOf(FeatureRows rows) {
        return rows.size() == 0 ? model.config().embedDim() : rows.dim();
    }

    private void encodeBatch(List<ImageDiscovery.ImageFile> batch, FeatureRows rows, Map<String, String> skipped)
            throws IOException {
        List<DecodedImage> decoded = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ImageDiscovery.ImageFile f : batch) {
            try {
                decoded.add(decoder.decode(f.path()));
                names.add(f.name());
            } catch (ImageDecodeException e) {
                if (strict) {
                    throw new IOException("cannot decode image " + f.path() + " (--strict): " + e.getMessage(), e);
                }
                skipped.put(f.name(), e.getMessage());
            }
        }
        if (decoded.isEmpty()) {
            return;
        }
        TorchRuntime.withoutGradients(() -> {
            try (NDManager m = model.manager().newSubManager()) {
                NDArray pixels = preprocessor.batch(m, decoded);
                NDArray features = model.encodeImage(pixels);
                if (normalize) {
                    features = ClipModel.l2Normalize(features);
                }
                float[] flat = features.toFloatArray();
                int d = (int) features.getShape().get(1);
                for (int i = 0; i < names.size(); i++) {
                    rows.add(names.get(i), flat, i * d, d);
                }
            }
            return null;
        });
    }

    private Map<String, String> metadata(String key, int done, Map<String, String> skipped) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>(description);
        meta.put("kind", "image-partial");
        meta.put("run_key", key);
        meta.put("done", Integer.toString(done));
        meta.put("skipped_json", JSON.writeValueAsString(skipped));
        return meta;
    }

    private int resume(Path partial, String key, List<ImageDiscovery.ImageFile> images, FeatureRows rows,
            Map<String, String> skipped) throws IOException {
        FeatureFile.Contents c = FeatureFile.read(partial);
        if (!key.equals(c.metadata().get("run_key"))) {
            throw new IOException(partial + " is the checkpoint of a different run (other model, preprocessing, "
                    + "normalisation or image list); delete it to start over");
        }
        int done = Integer.parseInt(c.metadata().get("done"));
        if (done < 0 || done > images.size()) {
            throw new IOException(partial + ": 'done' = " + done + " outside 0.." + images.size());
        }
        skipped.putAll(JSON.readValue(c.metadata().get("skipped_json"), new TypeReference<Map<String, String>>() { }));
        for (int i = 0; i < c.names().size(); i++) {
            rows.add(c.names().get(i), c.matrix(), i * c.dim(), c.dim());
        }
        if (rows.size() + skipped.size() != done) {
            throw new IOException(partial + ": " + rows.size() + " rows + " + skipped.size() + " skipped != done " + done);
        }
        return done;
    }

    /** SHA-256 over everything that determines the output: description, normalisation, the image list. */
    private String runKey(List<ImageDiscovery.ImageFile> images) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            new java.util.TreeMap<>(description).forEach((k, v) -> d.update((k + "=" + v + "\n").getBytes(StandardCharsets.UTF_8)));
            d.update(("normalize=" + normalize + "\n").getBytes(StandardCharsets.UTF_8));
            for (ImageDiscovery.ImageFile f : images) {
                d.update((f.name() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }
}
