package org.cir4j.methods.isa;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.cir4j.util.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * Per-step losses of an ISA run, written as CSV ({@code step,loss,gcd,word,local,gpt,lr,seconds}) and a
 * loss-curve PNG, both atomically. On resume the rows up to the resumed step are read back, so the
 * files always describe exactly the steps the checkpoint contains.
 */
final class TrainingLog {

    static final String HEADER = "step,loss,gcd,word,local,gpt,lr,seconds";

    record Row(long step, double loss, double gcd, double word, double local, double gpt, double lr, double seconds) {}

    private final Path csv;
    private final Path png;
    private final List<Row> rows = new ArrayList<>();

    TrainingLog(Path csv, Path png) {
        this.csv = csv;
        this.png = png;
    }

    /** Reads back the rows with step ≤ {@code upTo} (resume). */
    void restore(long upTo) throws IOException {
        rows.clear();
        if (!Files.isRegularFile(csv)) {
            return;
        }
        List<String> lines = Files.readAllLines(csv);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length != 8) {
                throw new IOException(csv + ": line " + (i + 1) + " has " + f.length + " fields, expected 8");
            }
            Row r = new Row(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]));
            if (r.step() <= upTo) {
                rows.add(r);
            }
        }
    }

    void add(Row r) {
        rows.add(r);
    }

    List<Row> rows() {
        return rows;
    }

    void write() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.8f,%.3f%n", r.step(), r.loss(), r.gcd(), r.word(),
                    r.local(), r.gpt(), r.lr(), r.seconds()));
        }
        AtomicFiles.writeString(csv, sb.toString());
        if (rows.size() >= 2) {
            writePng();
        }
    }

    private void writePng() throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(500).title("ISA training loss").xAxisTitle("step")
                .yAxisTitle("loss").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(0);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        double[] x = new double[rows.size()];
        double[][] y = new double[5][rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            x[i] = r.step();
            y[0][i] = r.loss();
            y[1][i] = r.gcd();
            y[2][i] = r.word();
            y[3][i] = r.local();
            y[4][i] = r.gpt();
        }
        String[] names = {"total", "GCD", "LAR word", "LAR local", "GPT phrases"};
        for (int k = 0; k < 5; k++) {
            boolean used = false;
            for (double v : y[k]) {
                used |= v != 0;
            }
            if (used) {
                chart.addSeries(names[k], x, smooth(y[k]));
            }
        }
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(BitmapEncoder.getBufferedImage(chart), "png", out)) {
                throw new IOException("no PNG writer available in this JVM");
            }
        });
    }

    /** Running mean over 20 steps: per-step contrastive losses are noisy. */
    private static double[] smooth(double[] v) {
        double[] out = new double[v.length];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            sum += v[i];
            if (i >= 20) {
                sum -= v[i - 20];
            }
            out[i] = sum / Math.min(i + 1, 20);
        }
        return out;
    }
}
