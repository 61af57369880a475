package org.cir4j.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.cir4j.data.DatasetKind;

/**
 * The outcome of evaluating one method on one dataset split, renderable as Markdown (for humans and
 * READMEs) and JSON (for tooling; {@code "format": "cir4j-eval-report", "version": 1}). Metric values are
 * percentages; a metric no query contributed to is {@code NaN}, written as {@code null} in JSON and "–" in
 * Markdown.
 *
 * @param method         composer name
 * @param dataset        e.g. {@code "cirr/val"}, {@code "fashioniq/val"}
 * @param kind           the protocol used
 * @param queryCount     queries evaluated
 * @param gallerySize    gallery images ranked (summed over FashionIQ categories)
 * @param groups         metric rows, in the order the papers print them
 * @param notes          anything a reader must know to compare numbers (skipped images, deviations)
 * @param similarity     CLIP4Cir Fig. 8 statistics, or {@code null} when not requested
 * @param histogramPng   file name of the histogram PNG next to the report, or {@code null}
 * @param composeMillis  wall time in the composer
 * @param searchMillis   wall time ranking
 */
public record EvalReport(String method, String dataset, DatasetKind kind, int queryCount, int gallerySize,
                         List<MetricGroup> groups, List<String> notes, SimilarityHistogram.Stats similarity,
                         String histogramPng, long composeMillis, long searchMillis) {
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public EvalReport {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(kind, "kind");
        groups = List.copyOf(groups);
        notes = List.copyOf(notes);
    }

    /** The named group (e.g. {@code "recall"}). */
    public MetricGroup group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("report has no group '" + name + "'; it has "
                        + groups.stream().map(MetricGroup::name).toList()));
    }

    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("## ").append(method).append(" on ").append(dataset).append("\n\n");
        sb.append(queryCount).append(" queries, ").append(gallerySize).append(" gallery images; compose ")
                .append(composeMillis).append(" ms, search ").append(searchMillis).append(" ms.\n\n");
        for (MetricGroup g : groups) {
            sb.append("| ").append(g.name());
            g.metrics().forEach(m -> sb.append(" | ").append(escape(m.name())));
            sb.append(" |\n|---");
            g.metrics().forEach(m -> sb.append("|---:"));
            sb.append("|\n| ").append(method);
            g.metrics().forEach(m -> sb.append(" | ").append(format(m.value())));
            sb.append(" |\n");
            if (g.metrics().stream().anyMatch(m -> m.count() != queryCount)) {
                sb.append("| queries");
                g.metrics().forEach(m -> sb.append(" | ").append(m.count()));
                sb.append(" |\n");
            }
            sb.append('\n');
        }
        if (similarity != null) {
            sb.append(String.format(Locale.ROOT,
                    "Similarity (composed query vs gallery): target mean %.3f over %d pairs, non-target mean %.3f over %d pairs, gap %.3f, histogram IoU %.3f.%n",
                    similarity.positiveMean(), similarity.positivePairs(), similarity.negativeMean(), similarity.negativePairs(),
                    similarity.gap(), similarity.overlap()));
            if (histogramPng != null) {
                sb.append("\n![similarity histogram](").append(histogramPng).append(")\n");
            }
            sb.append('\n');
        }
        for (String n : notes) {
            sb.append("* ").append(n).append('\n');
        }
        return sb.toString();
    }

    /**
     * One table with a row per report (all of the same dataset and protocol), columns = the union of metric
     * names prefixed by their group where needed: the shape of the papers' comparison tables.
     */
    public static String comparisonTable(List<EvalReport> reports) {
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("no reports");
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (EvalReport r : reports) {
            if (!r.dataset().equals(reports.get(0).dataset())) {
                throw new IllegalArgumentException("reports mix datasets: " + reports.get(0).dataset() + " and " + r.dataset());
            }
            for (MetricGroup g : r.groups()) {
                for (Metric m : g.metrics()) {
                    columns.putIfAbsent(g.name() + "/" + m.name(), columnTitle(g, m));
                }
            }
        }
        StringBuilder sb = new StringBuilder("| method");
        columns.values().forEach(c -> sb.append(" | ").append(escape(c)));
        sb.append(" |\n|---");
        columns.values().forEach(c -> sb.append("|---:"));
        sb.append("|\n");
        for (EvalReport r : reports) {
            sb.append("| ").append(escape(r.method()));
            for (String key : columns.keySet()) {
                double v = Double.NaN;
                for (MetricGroup g : r.groups()) {
                    for (Metric m : g.metrics()) {
                        if (key.equals(g.name() + "/" + m.name())) {
                            v = m.value();
                        }
                    }
                }
                sb.append(" | ").append(format(v));
            }
            sb.append(" |\n");
        }
        return sb.toString();
    }

    private static String columnTitle(MetricGroup g, Metric m) {
        // Metric names like "R@10" repeat across groups (FashionIQ categories, CIRCO recall vs mAP): qualify them.
        return switch (g.name()) {
            case "recall", "subset", "mAP", "average" -> m.name();
            default -> g.name() + " " + m.name();
        };
    }

    public ObjectNode toJsonTree() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "cir4j-eval-report");
        root.put("version", FORMAT_VERSION);
        root.put("method", method);
        root.put("dataset", dataset);
        root.put("kind", kind.id());
        root.put("queries", queryCount);
        root.put("gallery", gallerySize);
        root.put("compose_ms", composeMillis);
        root.put("search_ms", searchMillis);
        ObjectNode metrics = root.putObject("metrics");
        for (MetricGroup g : groups) {
            ObjectNode go = metrics.putObject(g.name());
            for (Metric m : g.metrics()) {
                ObjectNode mo = go.putObject(m.name());
                if (Double.isNaN(m.value())) {
                    mo.putNull("value");
                } else {
                    mo.put("value", m.value());
                }
                mo.put("count", m.count());
            }
        }
        ArrayNode notesNode = root.putArray("notes");
        notes.forEach(notesNode::add);
        if (similarity != null) {
            ObjectNode s = root.putObject("similarity");
            s.put("target_pairs", similarity.positivePairs());
            s.put("non_target_pairs", similarity.negativePairs());
            s.put("target_mean", similarity.positiveMean());
            s.put("non_target_mean", similarity.negativeMean());
            s.put("gap", similarity.gap());
            s.put("histogram_iou", similarity.overlap());
            s.put("lo", similarity.lo());
            s.put("hi", similarity.hi());
            ArrayNode p = s.putArray("target_density");
            for (double v : similarity.positiveDensity()) {
                p.add(v);
            }
            ArrayNode n = s.putArray("non_target_density");
            for (double v : similarity.negativeDensity()) {
                n.add(v);
            }
            if (histogramPng != null) {
                s.put("png", histogramPng);
            }
        }
        return root;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(toJsonTree());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code <baseName>.md} and {@code <baseName>.json} into {@code dir}, each atomically. */
    public void write(Path dir, String baseName) {
        writeAtomically(dir.resolve(baseName + ".md"), toMarkdown());
        writeAtomically(dir.resolve(baseName + ".json"), toJson());
    }

    private static void writeAtomically(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static String format(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
