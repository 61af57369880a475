package org.cir4j.train.clip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cir4j.util.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/**
 * The run's per-step log: a CSV ({@value #CSV}) and a loss-curve picture ({@value #PNG}), both rewritten
 * atomically at every checkpoint. On resume the rows after the checkpoint's step are dropped, so the log
 * of a resumed run equals that of an uninterrupted one.
 */
final class TrainingLog {
    static final String CSV = "training-log.csv";
    static final String PNG = "loss.png";
    private static final String HEADER = "step,loss,learning_rate,logit_scale,temperature,grad_norm,skipped,seconds";

    /** One logged step. */
    record Row(long step, double loss, double learningRate, double logitScale, double gradNorm, boolean skipped,
               double seconds) {
        String csv() {
            return String.format(Locale.ROOT, "%d,%.6f,%.6g,%.5f,%.6f,%.5g,%d,%.3f", step, loss, learningRate, logitScale,
                    Math.exp(-logitScale), gradNorm, skipped ? 1 : 0, seconds);
        }
    }

    private final Path dir;
    private final List<String> lines = new ArrayList<>();
    private final List<Double> steps = new ArrayList<>();
    private final List<Double> losses = new ArrayList<>();

    TrainingLog(Path dir) {
        this.dir = dir;
    }

    /** Reloads the rows of steps below {@code resumeStep} from an existing log (resume). */
    void restore(long resumeStep) throws IOException {
        Path file = dir.resolve(CSV);
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 1; i < all.size(); i++) {
            String[] f = all.get(i).split(",");
            if (f.length < 2 || Long.parseLong(f[0]) >= resumeStep) {
                continue;
            }
            lines.add(all.get(i));
            steps.add(Double.parseDouble(f[0]));
            losses.add(Double.parseDouble(f[1]));
        }
    }

    void add(Row row) {
        lines.add(row.csv());
        if (!row.skipped()) {
            steps.add((double) row.step());
            losses.add(row.loss());
        }
    }

    /** Writes the CSV and the loss curve. */
    void write() throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        lines.forEach(l -> sb.append(l).append('\n'));
        AtomicFiles.writeString(dir.resolve(CSV), sb.toString());
        if (steps.isEmpty()) {
            return;
        }
        XYChart chart = new XYChartBuilder().width(800).height(450).title("mini-CLIP pretraining loss")
                .xAxisTitle("step").yAxisTitle("contrastive loss").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(0);
        XYSeries s = chart.addSeries("loss", steps, losses);
        s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        AtomicFiles.write(dir.resolve(PNG), out -> out.write(png));
    }
}
