package org.cir4j.eval;

import java.util.List;
import java.util.NoSuchElementException;

/** A titled row of metrics: one table row in a report (e.g. "recall", "dress", "per-aspect mAP@10"). */
public record MetricGroup(String name, List<Metric> metrics) {
    public MetricGroup {
        metrics = List.copyOf(metrics);
    }

    /** The value of the metric called {@code metricName}. */
    public double value(String metricName) {
        return metrics.stream().filter(m -> m.name().equals(metricName)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("group '" + name + "' has no metric '" + metricName + "'; it has "
                        + metrics.stream().map(Metric::name).toList()))
                .value();
    }
}
