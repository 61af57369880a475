package org.cir4j.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cir4j.data.GalleryImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress counts only the images that need encoding, so a progress bar's total is honest on a warm cache. */
class FeatureCacheProgressTest {
    @TempDir
    Path dir;

    @Test
    void progressCountsOnlyUncachedDistinctImages() throws Exception {
        List<GalleryImage> images = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Path p = dir.resolve("img" + i + ".png");
            // img3 and img4 have the same bytes: one encoding.
            Files.writeString(p, "pixels-" + Math.min(i, 3));
            images.add(new GalleryImage("img" + i, p));
        }
        FeatureCache cache = new FeatureCache(dir.resolve("cache"), "m", "p");
        List<int[]> calls = new ArrayList<>();
        cache.features(images.subList(0, 2), paths -> vectors(paths.size()), 8, 100, (done, total) -> calls.add(new int[] {done, total}));
        assertThat(calls).containsExactly(new int[] {0, 2}, new int[] {2, 2});

        calls.clear();
        FeatureCache.Result r = cache.features(images, paths -> vectors(paths.size()), 1, 100, (done, total) -> calls.add(new int[] {done, total}));
        assertThat(r.encoded()).isEqualTo(2);
        assertThat(r.reused()).isEqualTo(2);
        assertThat(calls).containsExactly(new int[] {0, 2}, new int[] {1, 2}, new int[] {2, 2});

        calls.clear();
        cache.features(images, paths -> vectors(paths.size()), 4, 100, (done, total) -> calls.add(new int[] {done, total}));
        assertThat(calls).containsExactly(new int[] {0, 0});
    }

    private static float[][] vectors(int n) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new float[] {1f, i};
        }
        return out;
    }
}
