package org.cir4j.methods.clip4cir;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.cir4j.util.AtomicFiles;

/**
 * Per-epoch training log: {@code train_log.csv} (epoch, step, mean loss, validation score, skipped steps,
 * seconds) and {@code loss.png} (loss and validation score curves), rewritten atomically after every epoch.
 * On resume the rows up to the resumed epoch are kept.
 */
public final class TrainingLog {
    static final String HEADER = "epoch,step,train_loss,val_score,skipped_steps,seconds";

    private final Path csv;
    private final Path png;
    private final String title;
    private final List<double[]> rows = new ArrayList<>();

    public TrainingLog(Path dir, String title, long resumedEpoch) throws IOException {
        this.csv = dir.resolve("train_log.csv");
        this.png = dir.resolve("loss.png");
        this.title = title;
        if (resumedEpoch > 0 && Files.isRegularFile(csv)) {
            for (String line : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("epoch")) {
                    continue;
                }
                String[] f = line.split(",");
                double[] r = new double[f.length];
                for (int i = 0; i < f.length; i++) {
                    r[i] = f[i].isEmpty() ? Double.NaN : Double.parseDouble(f[i]);
                }
                if (r[0] <= resumedEpoch) {
                    rows.add(r);
                }
            }
        }
    }

    /** Appends one epoch ({@code valScore} NaN when not validated) and rewrites the CSV and the PNG. */
    public void add(long epoch, long step, double loss, double valScore, long skipped, double seconds) throws IOException {
        rows.add(new double[] {epoch, step, loss, valScore, skipped, seconds});
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (double[] r : rows) {
            sb.append(String.format(Locale.ROOT, "%d,%d,%.6f,%s,%d,%.1f%n", (long) r[0], (long) r[1], r[2],
                    Double.isNaN(r[3]) ? "" : String.format(Locale.ROOT, "%.4f", r[3]), (long) r[4], r[5]));
        }
        Files.createDirectories(csv.toAbsolutePath().getParent());
        AtomicFiles.writeString(csv, sb.toString());
        writePng();
    }

    public List<double[]> rows() {
        return rows;
    }

    private void writePng() throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(500).title(title).xAxisTitle("epoch").yAxisTitle("value").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        double[] x = rows.stream().mapToDouble(r -> r[0]).toArray();
        double[] loss = rows.stream().mapToDouble(r -> r[2]).toArray();
        XYSeries l = chart.addSeries("train loss (mean per epoch)", x, loss);
        l.setMarker(SeriesMarkers.NONE);
        List<Double> vx = new ArrayList<>();
        List<Double> vy = new ArrayList<>();
        for (double[] r : rows) {
            if (!Double.isNaN(r[3])) {
                vx.add(r[0]);
                vy.add(r[3] / 100.0);
            }
        }
        if (!vx.isEmpty()) {
            XYSeries v = chart.addSeries("validation selection score / 100", vx, vy);
            v.setMarker(SeriesMarkers.CIRCLE);
        }
        Path tmp = Files.createTempFile(png.toAbsolutePath().getParent(), "loss", ".tmp");
        try {
            if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", tmp.toFile())) {
                throw new IOException("no PNG writer available in this JVM");
            }
            Files.move(tmp, png, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
