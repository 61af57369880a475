package org.cir4j.eval;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.cir4j.index.GalleryFeatures;
import org.knowm.xchart.AnnotationTextPanel;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Cosine similarity of composed query vectors with their target(s) versus with non-target gallery images,
 * as two overlaid histograms each normalised to unit area (CLIP4Cir, Fig. 8). The paper reads retrieval
 * quality off the gap between the two means and the overlap (intersection over union) of the two
 * histograms; both are computed here and printed on the chart.
 *
 * <p>Every query–target pair is used; non-target pairs are sampled uniformly (with a fixed seed) up to a
 * budget, as the paper samples 50K pairs, because all pairs grow as queries × gallery.
 */
public final class SimilarityHistogram {
    /** CLIP4Cir's sample size for pairwise similarities. */
    public static final int DEFAULT_NEGATIVE_PAIRS = 50_000;
    public static final int DEFAULT_BINS = 80;

    private SimilarityHistogram() {}

    /**
     * Summary and binned densities.
     *
     * @param lo                left edge of the first bin
     * @param hi                right edge of the last bin
     * @param positiveDensity   per bin, target-pair density (integrates to 1 over [lo, hi])
     * @param negativeDensity   per bin, non-target-pair density
     * @param gap               positiveMean − negativeMean
     * @param overlap           Σ min(p, n) / Σ max(p, n) over bins: 0 = separated, 1 = identical
     */
    public record Stats(int positivePairs, int negativePairs, double positiveMean, double negativeMean, double gap,
                        double overlap, double lo, double hi, double[] positiveDensity, double[] negativeDensity) {
        public int bins() {
            return positiveDensity.length;
        }

        public double binWidth() {
            return (hi - lo) / bins();
        }
    }

    /** Accumulates similarity samples from one or more retrieval tasks (e.g. the three FashionIQ categories). */
    public static final class Collector {
        private final Random random;
        private double[] positives = new double[1024];
        private int nPos;
        private double[] negatives = new double[1024];
        private int nNeg;

        public Collector(long seed) {
            this.random = new Random(seed);
        }

        /**
         * @param queries       composed query vectors (L2-normalised)
         * @param gallery       the task's gallery, L2-normalised
         * @param positives     per query, gallery rows of its target(s)
         * @param excluded      per query, rows that are neither (e.g. CIRR's reference); {@code null} rows allowed
         * @param negativePairs how many non-target pairs to sample from this task (all, if fewer exist)
         */
        public void add(float[][] queries, GalleryFeatures gallery, List<int[]> positives, List<int[]> excluded, int negativePairs) {
            if (queries.length != positives.size() || queries.length != excluded.size()) {
                throw new IllegalArgumentException(queries.length + " queries, " + positives.size() + " positive lists, " + excluded.size() + " exclusion lists");
            }
            int n = gallery.size();
            long totalNeg = 0;
            for (int q = 0; q < queries.length; q++) {
                for (int row : positives.get(q)) {
                    addPositive(gallery.dot(queries[q], row));
                }
                totalNeg += n - positives.get(q).length - (excluded.get(q) == null ? 0 : excluded.get(q).length);
            }
            if (queries.length == 0 || totalNeg <= 0) {
                return;
            }
            if (totalNeg <= negativePairs) {
                for (int q = 0; q < queries.length; q++) {
                    for (int row = 0; row < n; row++) {
                        if (!contains(positives.get(q), row) && !contains(excluded.get(q), row)) {
                            addNegative(gallery.dot(queries[q], row));
                        }
                    }
                }
                return;
            }
            // Rejection sampling of (query, row) pairs: negatives are the overwhelming majority of pairs.
            int taken = 0;
            while (taken < negativePairs) {
                int q = random.nextInt(queries.length);
                int row = random.nextInt(n);
                if (contains(positives.get(q), row) || contains(excluded.get(q), row)) {
                    continue;
                }
                addNegative(gallery.dot(queries[q], row));
                taken++;
            }
        }

        private static boolean contains(int[] rows, int row) {
            if (rows == null) {
                return false;
            }
            for (int r : rows) {
                if (r == row) {
                    return true;
                }
            }
            return false;
        }

        private void addPositive(double v) {
            if (nPos == positives.length) {
                positives = Arrays.copyOf(positives, nPos * 2);
            }
            positives[nPos++] = v;
        }

        private void addNegative(double v) {
            if (nNeg == negatives.length) {
                negatives = Arrays.copyOf(negatives, nNeg * 2);
            }
            negatives[nNeg++] = v;
        }

        /** Bins both samples on shared edges spanning all observed values. */
        public Stats stats(int bins) {
            if (bins <= 0) {
                throw new IllegalArgumentException("bins must be positive, got " + bins);
            }
            if (nPos == 0 || nNeg == 0) {
                throw new IllegalStateException("need both target and non-target pairs, have " + nPos + " and " + nNeg);
            }
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < nPos; i++) {
                lo = Math.min(lo, positives[i]);
                hi = Math.max(hi, positives[i]);
            }
            for (int i = 0; i < nNeg; i++) {
                lo = Math.min(lo, negatives[i]);
                hi = Math.max(hi, negatives[i]);
            }
            double pad = Math.max(1e-3, (hi - lo) * 0.02);
            lo -= pad;
            hi += pad;
            double[] p = density(positives, nPos, lo, hi, bins);
            double[] n = density(negatives, nNeg, lo, hi, bins);
            double inter = 0;
            double union = 0;
            for (int b = 0; b < bins; b++) {
                inter += Math.min(p[b], n[b]);
                union += Math.max(p[b], n[b]);
            }
            double pm = mean(positives, nPos);
            double nm = mean(negatives, nNeg);
            return new Stats(nPos, nNeg, pm, nm, pm - nm, inter / union, lo, hi, p, n);
        }

        private static double[] density(double[] v, int count, double lo, double hi, int bins) {
            double[] d = new double[bins];
            double w = (hi - lo) / bins;
            for (int i = 0; i < count; i++) {
                int b = (int) ((v[i] - lo) / w);
                d[Math.min(bins - 1, Math.max(0, b))]++;
            }
            for (int b = 0; b < bins; b++) {
                d[b] /= count * w;
            }
            return d;
        }

        private static double mean(double[] v, int count) {
            double s = 0;
            for (int i = 0; i < count; i++) {
                s += v[i];
            }
            return s / count;
        }
    }

    /** Renders the two densities as overlaid areas (targets violet, non-targets green, as in the paper). */
    public static XYChart chart(Stats stats, String title) {
        XYChart chart = new XYChartBuilder().width(900).height(520).title(title)
                .xAxisTitle("cosine similarity").yAxisTitle("density (normalised)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setAnnotationTextPanelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        chart.getStyler().setXAxisDecimalPattern("0.00");
        int bins = stats.bins();
        double peak = Math.max(Arrays.stream(stats.positiveDensity()).max().orElse(1), Arrays.stream(stats.negativeDensity()).max().orElse(1));
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(peak * 1.15); // headroom so the tallest bin is not clipped
        double[] x = new double[bins + 1];
        double[] yNeg = new double[bins + 1];
        double[] yPos = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            x[b] = stats.lo() + b * stats.binWidth();
            // Step rendering holds each value until the next x: repeat the last bin at the right edge.
            yNeg[b] = stats.negativeDensity()[Math.min(b, bins - 1)];
            yPos[b] = stats.positiveDensity()[Math.min(b, bins - 1)];
        }
        XYSeries neg = chart.addSeries("query vs non-targets (" + stats.negativePairs() + " pairs)", x, yNeg);
        neg.setFillColor(new Color(46, 160, 67, 110));
        neg.setLineColor(new Color(46, 130, 67));
        neg.setMarker(SeriesMarkers.NONE);
        XYSeries pos = chart.addSeries("query vs targets (" + stats.positivePairs() + " pairs)", x, yPos);
        pos.setFillColor(new Color(140, 70, 200, 110));
        pos.setLineColor(new Color(110, 50, 170));
        pos.setMarker(SeriesMarkers.NONE);
        chart.addAnnotation(new AnnotationTextPanel(String.format(Locale.ROOT,
                "mean target %.3f%nmean non-target %.3f%ngap %.3f%nhistogram IoU %.3f",
                stats.positiveMean(), stats.negativeMean(), stats.gap(), stats.overlap()), 75, 400, true)); // top left (screen space)
        return chart;
    }

    /** Writes {@link #chart} as PNG, atomically (temp file + move). */
    public static void writePng(Stats stats, String title, Path png) {
        try {
            Path dir = png.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, png.getFileName().toString(), ".tmp");
            try {
                if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart(stats, title)), "png", tmp.toFile())) {
                    throw new IOException("no PNG writer available in this JVM");
                }
                Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write similarity histogram " + png, e);
        }
    }
}
