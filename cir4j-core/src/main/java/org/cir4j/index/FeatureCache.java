package org.cir4j.index;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.cir4j.data.GalleryImage;

/**
 * On-disk cache of gallery features, so a gallery is encoded once per (model, preprocessing) and only new
 * or changed images are encoded again.
 *
 * <p>Entries are keyed by the SHA-256 of each image file's <em>bytes</em>, not by its name or path: a moved
 * or renamed file is still a hit, an edited file is a miss, and identical files are encoded once. One
 * safetensors file per (model key, preprocessing key) holds all entries (see {@link FeatureCacheFile}); the
 * keys are recorded inside it and checked on load. Writes are atomic (temp file, fsync, rename), and the
 * cache is checkpointed every {@code checkpointEvery} newly encoded images so a crash loses little work.
 * Two processes filling the same cache concurrently do not corrupt it, but one's additions may be lost.
 */
public final class FeatureCache {
    private static final System.Logger LOG = System.getLogger(FeatureCache.class.getName());
    public static final int DEFAULT_CHECKPOINT_EVERY = 8192;

    private final Path directory;
    private final String modelKey;
    private final String preprocessingKey;
    private final Path file;

    /**
     * @param modelKey          identifies the encoder's weights exactly (e.g. a checkpoint name plus its hash)
     * @param preprocessingKey  identifies the image preprocessing (e.g. {@code "targetpad-1.25-224"})
     */
    public FeatureCache(Path directory, String modelKey, String preprocessingKey) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.modelKey = requireKey(modelKey, "modelKey");
        this.preprocessingKey = requireKey(preprocessingKey, "preprocessingKey");
        MessageDigest d = FeatureCacheFile.sha256();
        d.update((modelKey + "\n" + preprocessingKey).getBytes(StandardCharsets.UTF_8));
        this.file = directory.resolve("features-" + HexFormat.of().formatHex(d.digest()).substring(0, 16) + ".safetensors");
    }

    private static String requireKey(String key, String what) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return key;
    }

    /** The cache file for this (model, preprocessing) pair. */
    public Path file() {
        return file;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Outcome of {@link #features}.
     *
     * @param features one row per requested image, in request order, named like the images
     * @param reused   images served from the cache
     * @param encoded  distinct images the encoder was called for
     */
    public record Result(GalleryFeatures features, int reused, int encoded) {}

    /** {@link #features(List, Function, int, int)} with the default checkpoint interval. */
    public Result features(List<GalleryImage> images, Function<List<Path>, float[][]> encoder, int batchSize) {
        return features(images, encoder, batchSize, DEFAULT_CHECKPOINT_EVERY);
    }

    /**
     * Features of {@code images}, encoding only images whose content is not cached yet.
     *
     * @param encoder         maps a batch of image files to one feature row each, same order, same length
     * @param batchSize       images per encoder call
     * @param checkpointEvery write the cache after this many newly encoded images (and at the end)
     * @throws CorruptCacheException when the existing cache file is damaged or belongs to other keys
     * @throws IllegalStateException when the encoder breaks its contract (wrong count, dimension, non-finite values)
     */
    public Result features(List<GalleryImage> images, Function<List<Path>, float[][]> encoder, int batchSize, int checkpointEvery) {
        return features(images, encoder, batchSize, checkpointEvery, (done, total) -> {});
    }

    /** Told how many distinct images must be encoded (once, {@code done = 0}) and after every encoded batch. */
    @FunctionalInterface
    public interface EncodeProgress {
        void update(int done, int total);
    }

    /**
     * As {@link #features(List, Function, int, int)}, reporting progress over the images that actually need
     * encoding (cached ones are not counted).
     */
    public Result features(List<GalleryImage> images, Function<List<Path>, float[][]> encoder, int batchSize, int checkpointEvery,
                           EncodeProgress progress) {
        if (batchSize <= 0 || checkpointEvery <= 0) {
            throw new IllegalArgumentException("batchSize and checkpointEvery must be positive, got " + batchSize + " and " + checkpointEvery);
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images");
        }
        String[] hashes = new String[images.size()];
        for (int i = 0; i < images.size(); i++) {
            hashes[i] = hashFile(images.get(i).path());
        }
        Store store = Files.exists(file) ? Store.of(FeatureCacheFile.read(file, modelKey, preprocessingKey)) : new Store();

        // Distinct uncached contents, each encoded once (from its first path).
        Map<String, Path> todo = new LinkedHashMap<>();
        for (int i = 0; i < images.size(); i++) {
            if (!store.rows.containsKey(hashes[i])) {
                todo.putIfAbsent(hashes[i], images.get(i).path());
            }
        }
        int reused = (int) Arrays.stream(hashes).filter(store.rows::containsKey).count();
        progress.update(0, todo.size());
        if (!todo.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "feature cache " + file.getFileName() + ": encoding " + todo.size() + " image(s), " + reused + " cached");
            List<Map.Entry<String, Path>> pending = new ArrayList<>(todo.entrySet());
            int sinceCheckpoint = 0;
            for (int from = 0; from < pending.size(); from += batchSize) {
                List<Map.Entry<String, Path>> batch = pending.subList(from, Math.min(pending.size(), from + batchSize));
                List<Path> paths = batch.stream().map(Map.Entry::getValue).toList();
                float[][] out = encoder.apply(paths);
                checkEncoded(out, paths, store.dim);
                for (int i = 0; i < batch.size(); i++) {
                    store.add(batch.get(i).getKey(), out[i]);
                }
                sinceCheckpoint += batch.size();
                progress.update(from + batch.size(), pending.size());
                if (sinceCheckpoint >= checkpointEvery && from + batchSize < pending.size()) {
                    FeatureCacheFile.write(file, store.contents(modelKey, preprocessingKey));
                    sinceCheckpoint = 0;
                }
            }
            FeatureCacheFile.write(file, store.contents(modelKey, preprocessingKey));
        }
        float[] matrix = new float[Math.multiplyExact(images.size(), store.dim)];
        List<String> names = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            int row = store.rows.get(hashes[i]);
            System.arraycopy(store.features, row * store.dim, matrix, i * store.dim, store.dim);
            names.add(images.get(i).name());
        }
        return new Result(GalleryFeatures.ofMatrix(names, matrix, store.dim), reused, todo.size());
    }

    private void checkEncoded(float[][] out, List<Path> paths, int dim) {
        if (out == null || out.length != paths.size()) {
            throw new IllegalStateException("encoder returned " + (out == null ? "null" : out.length + " rows") + " for " + paths.size()
                    + " images (first: " + paths.get(0) + ")");
        }
        int expected = dim > 0 ? dim : (out[0] == null ? -1 : out[0].length);
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null || out[i].length != expected || expected <= 0) {
                throw new IllegalStateException("encoder returned a row of length " + (out[i] == null ? "null" : out[i].length) + " for " + paths.get(i)
                        + ", expected " + expected + (dim > 0 ? " (the cache's dimension)" : ""));
            }
            for (float v : out[i]) {
                if (!Float.isFinite(v)) {
                    throw new IllegalStateException("encoder returned a non-finite value (" + v + ") for " + paths.get(i));
                }
            }
        }
    }

    static String hashFile(Path path) {
        MessageDigest d = FeatureCacheFile.sha256();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(path)) {
            for (int r; (r = in.read(buf)) > 0; ) {
                d.update(buf, 0, r);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + path + " to hash it", e);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    /** In-memory entries: hash → row, rows in insertion order, growing arrays. */
    private static final class Store {
        final Map<String, Integer> rows = new HashMap<>();
        byte[] hashes = new byte[0];
        float[] features = new float[0];
        int count;
        int dim;

        static Store of(FeatureCacheFile.Contents c) {
            Store s = new Store();
            s.dim = c.dim();
            s.count = c.count();
            s.hashes = c.hashes();
            s.features = c.features();
            HexFormat hex = HexFormat.of();
            for (int i = 0; i < c.count(); i++) {
                s.rows.put(hex.formatHex(c.hashes(), i * FeatureCacheFile.HASH_BYTES, (i + 1) * FeatureCacheFile.HASH_BYTES), i);
            }
            return s;
        }

        void add(String hash, float[] vector) {
            if (dim == 0) {
                dim = vector.length;
            }
            if (rows.containsKey(hash)) {
                return;
            }
            if ((long) (count + 1) * dim > features.length) {
                long cap = Math.max(16, (long) count * 3 / 2 + 1);
                if (cap * dim > Integer.MAX_VALUE - 8) {
                    cap = (Integer.MAX_VALUE - 8) / dim;
                }
                features = Arrays.copyOf(features, Math.toIntExact(cap * dim));
                hashes = Arrays.copyOf(hashes, Math.toIntExact(cap * FeatureCacheFile.HASH_BYTES));
            }
            System.arraycopy(HexFormat.of().parseHex(hash), 0, hashes, count * FeatureCacheFile.HASH_BYTES, FeatureCacheFile.HASH_BYTES);
            System.arraycopy(vector, 0, features, count * dim, dim);
            rows.put(hash, count++);
        }

        FeatureCacheFile.Contents contents(String modelKey, String prepKey) {
            return new FeatureCacheFile.Contents(modelKey, prepKey, count, dim, hashes, features);
        }
    }
}
