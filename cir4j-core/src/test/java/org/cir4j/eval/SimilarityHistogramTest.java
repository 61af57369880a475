package org.cir4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.cir4j.index.GalleryFeatures;
import org.junit.jupiter.api.Test;

class SimilarityHistogramTest {

    /** Gallery of 2-d unit vectors at the given cosines to the query (1, 0). */
    static GalleryFeatures atCosines(double... cos) {
        float[][] v = new float[cos.length][];
        for (int i = 0; i < cos.length; i++) {
            v[i] = new float[] {(float) cos[i], (float) Math.sqrt(1 - cos[i] * cos[i])};
        }
        return GalleryFeatures.of(IntStream.range(0, cos.length).mapToObj(i -> "g" + i).toList(), v);
    }

    @Test
    void densitiesIntegrateToOneAndSeparatedSamplesDoNotOverlap() {
        GalleryFeatures g = atCosines(0.9, 0.8, 0.1, 0.2, 0.0, 0.5);
        float[][] q = {{1f, 0f}};
        SimilarityHistogram.Collector c = new SimilarityHistogram.Collector(0);
        // Targets rows 0 and 1; row 5 excluded (like CIRR's reference); rows 2, 3, 4 are the non-targets.
        c.add(q, g, List.of(new int[] {0, 1}), List.<int[]>of(new int[] {5}), 1000);
        SimilarityHistogram.Stats s = c.stats(20);
        assertThat(s.positivePairs()).isEqualTo(2);
        assertThat(s.negativePairs()).isEqualTo(3);
        assertThat(s.positiveMean()).isCloseTo(0.85, within(1e-6));
        assertThat(s.negativeMean()).isCloseTo(0.1, within(1e-6));
        assertThat(s.gap()).isCloseTo(0.75, within(1e-6));
        assertThat(Arrays.stream(s.positiveDensity()).sum() * s.binWidth()).isCloseTo(1.0, within(1e-9));
        assertThat(Arrays.stream(s.negativeDensity()).sum() * s.binWidth()).isCloseTo(1.0, within(1e-9));
        assertThat(s.overlap()).isEqualTo(0.0);
    }

    @Test
    void identicalSamplesOverlapFullyAndSamplingRespectsTheBudget() {
        GalleryFeatures g = atCosines(0.3, 0.3, 0.3, 0.3);
        SimilarityHistogram.Collector c = new SimilarityHistogram.Collector(3);
        c.add(new float[][] {{1f, 0f}, {1f, 0f}}, g, List.of(new int[] {0}, new int[] {1}), java.util.Arrays.asList(null, null), 5);
        SimilarityHistogram.Stats s = c.stats(10);
        assertThat(s.negativePairs()).isEqualTo(5); // 6 exist, budget 5: sampled
        assertThat(s.overlap()).isCloseTo(1.0, within(1e-9));
        assertThatThrownBy(() -> new SimilarityHistogram.Collector(0).stats(10)).hasMessageContaining("need both target and non-target pairs");
    }

    /** A realistic picture (CLIP-like cosines) written under target/ so it can be looked at. */
    @Test
    void rendersOverlaidHistogramsToPng() throws Exception {
        Random rnd = new Random(5);
        int d = 64, n = 3000, nq = 300;
        float[][] gal = new float[n][d];
        for (float[] row : gal) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) (rnd.nextGaussian() + 1.2); // a shared direction: the "cone effect"
            }
        }
        GalleryFeatures g = GalleryFeatures.of(IntStream.range(0, n).mapToObj(i -> "g" + i).toList(), gal).normalized();
        float[][] q = new float[nq][];
        List<int[]> pos = new ArrayList<>();
        List<int[]> excl = new ArrayList<>();
        for (int i = 0; i < nq; i++) {
            float[] t = g.vector(i);
            float[] v = new float[d];
            double ss = 0;
            for (int j = 0; j < d; j++) {
                v[j] = t[j] + (float) (rnd.nextGaussian() * 0.12);
                ss += v[j] * v[j];
            }
            for (int j = 0; j < d; j++) {
                v[j] /= (float) Math.sqrt(ss);
            }
            q[i] = v;
            pos.add(new int[] {i});
            excl.add(null);
        }
        SimilarityHistogram.Collector c = new SimilarityHistogram.Collector(1);
        c.add(q, g, pos, excl, SimilarityHistogram.DEFAULT_NEGATIVE_PAIRS);
        SimilarityHistogram.Stats s = c.stats(SimilarityHistogram.DEFAULT_BINS);
        assertThat(s.negativePairs()).isEqualTo(SimilarityHistogram.DEFAULT_NEGATIVE_PAIRS);
        assertThat(s.gap()).isPositive();
        Path png = Path.of("target", "similarity-histogram-example.png");
        SimilarityHistogram.writePng(s, "example: composed query vs gallery", png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo(900);
        assertThat(img.getHeight()).isEqualTo(520);
    }
}
