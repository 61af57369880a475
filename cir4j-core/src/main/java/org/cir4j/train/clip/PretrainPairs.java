package org.cir4j.train.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.cir4j.image.DecodedImage;
import org.cir4j.image.ImageDecoder;
import org.cir4j.image.ImagePreprocessor;
import org.cir4j.world.Domain;
import org.cir4j.world.PretrainRecord;
import org.cir4j.world.io.Json;

/**
 * The mini-CLIP's training data: (image, absolute captions) pairs of the world's pretrain split, from
 * every domain present, with the images preprocessed once into memory.
 *
 * <p><b>Held-out pairs.</b> The last {@code heldOut} records of each domain's {@code pretrain.jsonl}
 * are never trained on; {@link #heldOut} returns exactly them, for the quality report's retrieval
 * metrics. The split is a pure function of the file and the count, so training and evaluation agree.
 *
 * <p><b>Images</b> are square-padded (garment images come in several aspect ratios; padding keeps the
 * whole garment, where CLIP's centre crop would cut sleeves or hems) and resized to the model's side
 * with the Pillow-exact {@link ImagePreprocessor}, then stored as 8-bit RGB, CHW, one {@code byte[]}
 * per image (a quarter of the memory of floats); {@link #pixels} normalises a batch with CLIP's mean
 * and std.
 */
public final class PretrainPairs {

    private final List<String> names;
    private final List<List<String>> captions;
    private final byte[][] images;
    private final int imageSize;
    private final ImagePreprocessor preprocessor;

    private PretrainPairs(List<String> names, List<List<String>> captions, byte[][] images, int imageSize,
                          ImagePreprocessor preprocessor) {
        this.names = names;
        this.captions = captions;
        this.images = images;
        this.imageSize = imageSize;
        this.preprocessor = preprocessor;
    }

    /** Which records of a domain to take. */
    public enum Part {
        /** Every record except the last {@code heldOut}. */
        TRAIN,
        /** The last {@code heldOut} records. */
        HELD_OUT
    }

    /** The training pairs of every domain in {@code world}, images at {@code imageSize}. */
    public static PretrainPairs training(Path world, int heldOut, int imageSize, int threads, IntConsumer progress)
            throws IOException {
        return load(world, Part.TRAIN, heldOut, imageSize, threads, progress);
    }

    /** The held-out pairs of one domain. */
    public static PretrainPairs heldOut(Path world, Domain domain, int heldOut, int imageSize, int threads)
            throws IOException {
        return load(world, List.of(domain), Part.HELD_OUT, heldOut, imageSize, threads, i -> { });
    }

    /**
     * Arbitrary images (no captions), preprocessed the same way: for evaluating a mini-CLIP on other
     * splits of the world.
     */
    public static PretrainPairs images(List<Path> files, List<String> names, int imageSize, int threads)
            throws IOException {
        if (files.size() != names.size()) {
            throw new IllegalArgumentException(files.size() + " files but " + names.size() + " names");
        }
        ImagePreprocessor pre = ImagePreprocessor.squarePad(imageSize);
        byte[][] images = decodeAll(files, pre, threads, i -> { });
        List<List<String>> none = Collections.nCopies(files.size(), List.of());
        return new PretrainPairs(List.copyOf(names), none, images, imageSize, pre);
    }

    static PretrainPairs load(Path world, Part part, int heldOut, int imageSize, int threads, IntConsumer progress)
            throws IOException {
        return load(world, domainsIn(world), part, heldOut, imageSize, threads, progress);
    }

    /** The domains whose folder with a {@code pretrain.jsonl} exists in {@code world}. */
    public static List<Domain> domainsIn(Path world) throws IOException {
        List<Domain> out = new ArrayList<>();
        for (Domain d : Domain.values()) {
            if (Files.isRegularFile(world.resolve(d.id()).resolve("pretrain.jsonl"))) {
                out.add(d);
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no domain with a pretrain.jsonl under " + world
                    + " (expected shapes/pretrain.jsonl or garments/pretrain.jsonl; generate with `cir4j world generate`)");
        }
        return out;
    }

    private static PretrainPairs load(Path world, List<Domain> domains, Part part, int heldOut, int imageSize,
                                      int threads, IntConsumer progress) throws IOException {
        if (heldOut < 0) {
            throw new IllegalArgumentException("heldOut must be >= 0, found " + heldOut);
        }
        List<Path> files = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<List<String>> captions = new ArrayList<>();
        for (Domain d : domains) {
            Path dir = world.resolve(d.id());
            Path jsonl = dir.resolve("pretrain.jsonl");
            List<String> lines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
            lines.removeIf(String::isBlank);
            if (lines.size() <= heldOut) {
                throw new IOException(jsonl + " has " + lines.size() + " records, not more than the " + heldOut
                        + " held out for evaluation; lower --held-out");
            }
            int from = part == Part.TRAIN ? 0 : lines.size() - heldOut;
            int to = part == Part.TRAIN ? lines.size() - heldOut : lines.size();
            for (int i = from; i < to; i++) {
                PretrainRecord r;
                try {
                    r = Json.MAPPER.readValue(lines.get(i), PretrainRecord.class);
                } catch (IOException e) {
                    throw new IOException(jsonl + " line " + (i + 1) + ": " + e.getMessage(), e);
                }
                if (r.image() == null || r.captions() == null || r.captions().isEmpty()) {
                    throw new IOException(jsonl + " line " + (i + 1) + ": needs an image and at least one caption");
                }
                files.add(dir.resolve(r.image()));
                names.add(d.id() + "/" + r.image());
                captions.add(List.copyOf(r.captions()));
            }
        }
        ImagePreprocessor pre = ImagePreprocessor.squarePad(imageSize);
        byte[][] images = decodeAll(files, pre, threads, progress);
        return new PretrainPairs(Collections.unmodifiableList(names), Collections.unmodifiableList(captions), images,
                imageSize, pre);
    }

    private static byte[][] decodeAll(List<Path> files, ImagePreprocessor pre, int threads, IntConsumer progress)
            throws IOException {
        byte[][] out = new byte[files.size()][];
        int size = pre.size();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> jobs = new ArrayList<>();
            int n = Math.max(1, threads);
            for (int t = 0; t < n; t++) {
                int first = t;
                jobs.add(pool.submit(() -> {
                    ImageDecoder decoder = new ImageDecoder();
                    for (int i = first; i < files.size(); i += n) {
                        DecodedImage rgb = pre.crop(decoder.decode(files.get(i)));
                        out[i] = toChw(rgb, size);
                        progress.accept(done.incrementAndGet());
                    }
                    return null;
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            throw new IOException("cannot preprocess pretraining images: " + c.getMessage(), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while preprocessing pretraining images", e);
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /** HWC RGB (size × size) → CHW bytes. */
    private static byte[] toChw(DecodedImage rgb, int size) {
        byte[] hwc = rgb.copySamples();
        int plane = size * size;
        if (hwc.length != 3 * plane) {
            throw new IllegalStateException("preprocessed image has " + hwc.length + " samples, expected " + 3 * plane);
        }
        byte[] chw = new byte[3 * plane];
        for (int i = 0, p = 0; i < plane; i++) {
            chw[i] = hwc[p++];
            chw[plane + i] = hwc[p++];
            chw[2 * plane + i] = hwc[p++];
        }
        return chw;
    }

    public int size() {
        return names.size();
    }

    public int imageSize() {
        return imageSize;
    }

    /** {@code domain/relative image path} of pair {@code i}. */
    public String name(int i) {
        return names.get(i);
    }

    /** The captions of pair {@code i} (five in a generated world). */
    public List<String> captions(int i) {
        return captions.get(i);
    }

    /**
     * The normalised pixels (B,3,S,S) float32 of the pairs {@code indices}, in {@code manager}. The
     * array owns its memory (a native copy), so it may be used by autograd after this returns.
     */
    public NDArray pixels(NDManager manager, int[] indices) {
        int plane = imageSize * imageSize;
        float[] mean = preprocessor.mean();
        float[] std = preprocessor.std();
        float[][] lut = new float[3][256];
        for (int c = 0; c < 3; c++) {
            for (int v = 0; v < 256; v++) {
                // Same float32 operations as torchvision's ToTensor + Normalize (and ImagePreprocessor).
                lut[c][v] = ((float) v / 255f - mean[c]) / std[c];
            }
        }
        float[] out = new float[indices.length * 3 * plane];
        int o = 0;
        for (int index : indices) {
            byte[] img = images[index];
            for (int c = 0; c < 3; c++) {
                float[] table = lut[c];
                for (int i = 0; i < plane; i++) {
                    out[o++] = table[img[c * plane + i] & 0xFF];
                }
            }
        }
        NDArray blob = manager.create(out, new Shape(indices.length, 3, imageSize, imageSize));
        NDArray owned = blob.duplicate();
        blob.close();
        return owned;
    }
}
