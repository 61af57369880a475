package org.cir4j.index.gallery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** A deterministic stand-in for CLIP: the feature is a pseudo-random vector seeded by the file's bytes. */
final class FakeEncoder implements GalleryImageEncoder {
    static final int DIM = 8;
    private final String modelId;
    private final long sleepPerBatchMillis;
    int encoded;

    FakeEncoder(String modelId, long sleepPerBatchMillis) {
        this.modelId = modelId;
        this.sleepPerBatchMillis = sleepPerBatchMillis;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public String preprocessing() {
        return "fake";
    }

    @Override
    public int dim() {
        return DIM;
    }

    static float[] vectorOf(byte[] bytes) {
        Random r = new Random(Arrays.hashCode(bytes));
        float[] v = new float[DIM];
        for (int j = 0; j < DIM; j++) {
            v[j] = (float) r.nextGaussian() * 3;
        }
        return v;
    }

    @Override
    public float[][] encode(List<Path> files) throws IOException {
        float[][] out = new float[files.size()][];
        for (int i = 0; i < files.size(); i++) {
            byte[] b = Files.readAllBytes(files.get(i));
            if (b.length == 0 || b[0] == 'X') {
                new org.cir4j.image.ImageDecoder().decode(b, files.get(i).toString()); // throws: not an image
                throw new AssertionError("decoder accepted a non-image");
            }
            out[i] = vectorOf(b);
        }
        encoded += files.size();
        if (sleepPerBatchMillis > 0) {
            try {
                Thread.sleep(sleepPerBatchMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        return out;
    }

    /** Writes {@code n} distinct small "images" (the fake encoder only hashes bytes) under two folders. */
    static void writeImages(Path root, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            Path f = root.resolve((i % 2 == 0 ? "even" : "odd") + "/sub/img-" + i + ".png");
            Files.createDirectories(f.getParent());
            Files.writeString(f, "image number " + i);
        }
    }
}
