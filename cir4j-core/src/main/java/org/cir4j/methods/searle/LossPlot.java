package org.cir4j.methods.searle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.cir4j.util.AtomicFiles;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** Loss curves as a PNG (XChart, written through ImageIO atomically). */
public final class LossPlot {
    private LossPlot() {}

    public static void write(Path png, String title, List<Integer> steps, Map<String, List<Double>> series)
            throws IOException {
        if (steps.isEmpty()) {
            return;
        }
        XYChart chart = new XYChartBuilder().width(800).height(450).title(title).xAxisTitle("step").yAxisTitle("loss").build();
        series.forEach((name, values) -> chart.addSeries(name, steps, values).setMarker(
                org.knowm.xchart.style.markers.SeriesMarkers.NONE));
        var image = BitmapEncoder.getBufferedImage(chart);
        AtomicFiles.write(png, out -> ImageIO.write(image, "png", out));
    }
}
