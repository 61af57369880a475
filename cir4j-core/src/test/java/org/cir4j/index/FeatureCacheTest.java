package org.cir4j.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.cir4j.data.GalleryImage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCacheTest {
    @TempDir
    Path dir;

    List<GalleryImage> images;
    /** Paths the fake encoder was called with, in order. */
    final List<Path> encodedPaths = new ArrayList<>();

    /** Deterministic fake encoder: the vector is derived from the file's bytes (so content, not name, matters). */
    final Function<List<Path>, float[][]> encoder = paths -> {
        encodedPaths.addAll(paths);
        float[][] out = new float[paths.size()][];
        for (int i = 0; i < paths.size(); i++) {
            try {
                byte[] b = Files.readAllBytes(paths.get(i));
                out[i] = new float[] {b.length, b[b.length - 1], 1f};
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return out;
    };

    @BeforeEach
    void writeImages() throws Exception {
        images = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Path p = dir.resolve("img" + i + ".png");
            Files.writeString(p, "pixels-" + i);
            images.add(new GalleryImage("img" + i, p));
        }
    }

    FeatureCache cache() {
        return new FeatureCache(dir.resolve("cache"), "mini-clip@abc123", "clip-224");
    }

    @Test
    void encodesOnceThenServesFromDisk() {
        FeatureCache.Result first = cache().features(images, encoder, 2);
        assertThat(first.encoded()).isEqualTo(5);
        assertThat(first.reused()).isZero();
        assertThat(encodedPaths).hasSize(5);
        assertThat(first.features().names()).containsExactly("img0", "img1", "img2", "img3", "img4");
        assertThat(first.features().vector(3)).containsExactly(8f, (float) '3', 1f);

        FeatureCache.Result second = cache().features(images, paths -> {
            throw new AssertionError("nothing should be encoded, got " + paths);
        }, 2);
        assertThat(second.reused()).isEqualTo(5);
        assertThat(second.features().matrix()).containsExactly(first.features().matrix());
    }

    @Test
    void onlyNewOrChangedContentIsEncodedAndRenamesAreHits() throws Exception {
        cache().features(images, encoder, 4);
        encodedPaths.clear();
        Files.writeString(images.get(1).path(), "pixels-1-edited");
        Path moved = dir.resolve("renamed.png");
        Files.move(images.get(2).path(), moved);
        Path fresh = dir.resolve("new.png");
        Files.writeString(fresh, "pixels-new");
        Path twin = dir.resolve("twin.png");
        Files.writeString(twin, "pixels-new"); // same bytes as new.png: encoded once
        List<GalleryImage> now = new ArrayList<>(images);
        now.set(2, new GalleryImage("img2", moved));
        now.add(new GalleryImage("new", fresh));
        now.add(new GalleryImage("twin", twin));

        FeatureCache.Result r = cache().features(now, encoder, 4);
        assertThat(encodedPaths).containsExactly(images.get(1).path(), fresh);
        assertThat(r.encoded()).isEqualTo(2);
        assertThat(r.reused()).isEqualTo(4);
        assertThat(r.features().vector(r.features().indexOf("img1"))).containsExactly(15f, (float) 'd', 1f);
        assertThat(r.features().vector(r.features().indexOf("twin"))).containsExactly(r.features().vector(r.features().indexOf("new")));
    }

    @Test
    void fileIsStandardSafetensorsWithKeysInside() throws Exception {
        FeatureCache c = cache();
        c.features(images, encoder, 8);
        assertThat(c.file().getFileName().toString()).matches("features-[0-9a-f]{16}\\.safetensors");
        try (NDManager m = NDManager.newBaseManager(); InputStream in = Files.newInputStream(c.file())) {
            NDList list = NDList.decode(m, in);
            assertThat(list.get("features").getShape()).isEqualTo(new Shape(5, 3));
            assertThat(list.get("features").getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(list.get("features").toFloatArray()).startsWith(8f, (float) '0', 1f);
            assertThat(list.get("sha256").getShape()).isEqualTo(new Shape(5, 32));
        }
        String head = new String(Files.readAllBytes(c.file()), 8, 400, StandardCharsets.UTF_8);
        assertThat(head).contains("\"model_key\":\"mini-clip@abc123\"").contains("\"preprocessing_key\":\"clip-224\"");
        assertThat(new FeatureCache(dir.resolve("cache"), "mini-clip@abc123", "targetpad-1.25-224").file()).isNotEqualTo(c.file());
    }

    @Test
    void damagedOrForeignFilesAreDetected() throws Exception {
        FeatureCache c = cache();
        c.features(images, encoder, 8);
        byte[] good = Files.readAllBytes(c.file());

        try (RandomAccessFile raf = new RandomAccessFile(c.file().toFile(), "rw")) {
            raf.seek(good.length - 3);
            raf.write(0x7f); // flip bits inside the last feature
        }
        assertThatThrownBy(() -> c.features(images, encoder, 8)).isInstanceOf(CorruptCacheException.class)
                .hasMessageContaining(c.file().toString()).hasMessageContaining("data checksum");

        Files.write(c.file(), java.util.Arrays.copyOf(good, good.length - 10));
        assertThatThrownBy(() -> c.features(images, encoder, 8)).isInstanceOf(CorruptCacheException.class)
                .hasMessageContaining("truncated");

        Files.write(c.file(), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> c.features(images, encoder, 8)).hasMessageContaining("no safetensors header");

        byte[] garbled = good.clone();
        garbled[9] = '#';
        Files.write(c.file(), garbled);
        assertThatThrownBy(() -> c.features(images, encoder, 8)).hasMessageContaining("header is not valid JSON");

        FeatureCache other = new FeatureCache(dir.resolve("cache"), "another-model", "clip-224");
        Files.write(other.file(), good);
        assertThatThrownBy(() -> other.features(images, encoder, 8)).isInstanceOf(CorruptCacheException.class)
                .hasMessageContaining("holds features of model 'mini-clip@abc123'");
    }

    @Test
    void encoderContractIsEnforced() {
        assertThatThrownBy(() -> cache().features(images, paths -> new float[paths.size() - 1][3], 8))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("returned 4 rows for 5 images");
        assertThatThrownBy(() -> cache().features(images, paths -> {
            float[][] out = new float[paths.size()][3];
            out[2][1] = Float.NaN;
            return out;
        }, 8)).hasMessageContaining("non-finite value (NaN) for " + images.get(2).path());

        cache().features(images.subList(0, 2), encoder, 8);
        assertThatThrownBy(() -> cache().features(images, paths -> new float[paths.size()][4], 8))
                .hasMessageContaining("row of length 4").hasMessageContaining("expected 3 (the cache's dimension)");
    }

    @Test
    void checkpointsKeepWorkWhenTheEncoderFailsLater() {
        int[] calls = {0};
        assertThatThrownBy(() -> cache().features(images, paths -> {
            if (++calls[0] == 3) {
                throw new IllegalStateException("GPU fell off the bus");
            }
            return encoder.apply(paths);
        }, 2, 2)).hasMessageContaining("GPU fell off the bus");
        encodedPaths.clear();
        FeatureCache.Result r = cache().features(images, encoder, 2);
        assertThat(r.reused()).isEqualTo(4);
        assertThat(encodedPaths).containsExactly(images.get(4).path());
    }
}
