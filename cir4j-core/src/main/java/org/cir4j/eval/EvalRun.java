package org.cir4j.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.cir4j.data.DatasetKind;
import org.cir4j.data.MissingImagePolicy;
import org.cir4j.image.ImagePreprocessor;
import org.cir4j.index.ExactSearch;
import org.cir4j.index.FeatureCache;
import org.cir4j.index.GalleryFeatures;
import org.cir4j.methods.ComposerContext;
import org.cir4j.methods.ComposerFactory;
import org.cir4j.methods.ComposerInput;
import org.cir4j.methods.ComposerRegistry;
import org.cir4j.methods.QueryComposer;
import org.cir4j.model.ClipCheckpoints;
import org.cir4j.model.ClipModel;
import org.cir4j.text.Tokenizer;
import org.cir4j.text.Tokenizers;
import org.cir4j.util.AtomicFiles;

/**
 * The evaluation pipeline every method goes through ({@code cir4j eval}): load the CLIP and its tokenizer, read the
 * benchmark, encode each gallery once through the {@link FeatureCache}, build each method's composer from the
 * {@link ComposerRegistry}, compose and rank every query ({@link Evaluator}: exact search, the dataset's metrics),
 * and write per (task, method) a Markdown + JSON {@link EvalReport} and a similarity histogram PNG (CLIP4Cir
 * Fig. 8), plus test-server submission files where asked (or where there is no ground truth), and a summary with
 * one comparison table per task.
 *
 * <p>Layout of {@code out}: {@code summary.md}, {@code summary.json}, and per task a folder ({@code shapes_cirr_val})
 * holding {@code <method>.md}, {@code <method>.json}, {@code <method>_<dataset>_similarity.png} and submission files.
 */
public final class EvalRun {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Everything a run needs.
     *
     * @param source       which benchmark layout {@code root} holds
     * @param split        {@code val} or {@code test}
     * @param domain       world only: one domain, or {@code null} for all
     * @param model        checkpoint folder (HF or open_clip layout, tokenizer files beside it) or weights file
     * @param methods      composer names, in report order
     * @param options      raw {@code --option} strings (see {@link MethodOptions})
     * @param checkpoints  methods' trained weights: {@code DIR} for every method, or {@code METHOD=DIR} for one
     * @param out          report folder
     * @param cacheDir     feature cache folder
     * @param preprocess   {@code null}: {@link PreprocessMode#defaultFor}
     * @param exclusion    {@code null}: {@link #defaultExclusion}
     * @param submissions  also write submission files for splits that have ground truth
     * @param histograms   write similarity histograms
     * @param queryBatch   queries per composer call
     * @param encodeBatch  images per encoder forward pass
     * @param missing      what readers do with missing images
     */
    public record Settings(BenchmarkSource source, Path root, String split, String domain, Path model, List<String> methods,
                           List<String> options, List<String> checkpoints, Path out, Path cacheDir, PreprocessMode preprocess,
                           Evaluator.ReferenceExclusion exclusion, boolean submissions, boolean histograms, int queryBatch,
                           int encodeBatch, MissingImagePolicy missing) {
        public Settings {
            Objects.requireNonNull(source, "dataset");
            Objects.requireNonNull(root, "root");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(out, "out");
            Objects.requireNonNull(cacheDir, "cache");
            split = split == null ? "val" : split;
            methods = List.copyOf(methods);
            options = options == null ? List.of() : List.copyOf(options);
            checkpoints = checkpoints == null ? List.of() : List.copyOf(checkpoints);
            missing = missing == null ? MissingImagePolicy.FAIL : missing;
            if (methods.isEmpty()) {
                throw new IllegalArgumentException("no --method given");
            }
            if (methods.stream().distinct().count() != methods.size()) {
                throw new IllegalArgumentException("a method is listed twice: " + methods);
            }
            if (queryBatch <= 0 || encodeBatch <= 0) {
                throw new IllegalArgumentException("batch sizes must be positive, got " + queryBatch + " and " + encodeBatch);
            }
        }

        /** Defaults for everything but the essentials. */
        public static Settings of(BenchmarkSource source, Path root, Path model, List<String> methods, Path out, Path cacheDir) {
            return new Settings(source, root, "val", null, model, methods, List.of(), List.of(), out, cacheDir, null, null, false, true, 64, 64, null);
        }

        public Settings withSplit(String s) {
            return new Settings(source, root, s, domain, model, methods, options, checkpoints, out, cacheDir, preprocess, exclusion, submissions,
                    histograms, queryBatch, encodeBatch, missing);
        }

        public Settings withOptions(List<String> o) {
            return new Settings(source, root, split, domain, model, methods, o, checkpoints, out, cacheDir, preprocess, exclusion, submissions,
                    histograms, queryBatch, encodeBatch, missing);
        }

        public Settings withSubmissions(boolean s) {
            return new Settings(source, root, split, domain, model, methods, options, checkpoints, out, cacheDir, preprocess, exclusion, s,
                    histograms, queryBatch, encodeBatch, missing);
        }
    }

    /** One (task, method) outcome: a report when the task has ground truth, and any submission files written. */
    public record Entry(EvalTask task, String method, EvalReport report, List<Path> submissionFiles) {}

    /** Gallery encoding of one task: images served from the cache, images encoded, and the encoding wall time. */
    public record Encoding(String task, int images, int reused, int encoded, long nanos) {
        public double imagesPerSecond() {
            return encoded == 0 ? Double.NaN : encoded / (nanos / 1e9);
        }
    }

    /** What a run produced. */
    public record Outcome(List<EvalTask> tasks, List<Entry> entries, List<Encoding> encodings, String modelSha256, String preprocessing,
                          Path summaryMarkdown, Path summaryJson, String summary) {}

    private EvalRun() {}

    /** The world's benchmark removes the reference from its ranking in every layout (synthetic-world.md); real data: the protocol's. */
    public static Evaluator.ReferenceExclusion defaultExclusion(BenchmarkSource source) {
        return source == BenchmarkSource.WORLD ? Evaluator.ReferenceExclusion.ALWAYS : Evaluator.ReferenceExclusion.DATASET_DEFAULT;
    }

    public static Outcome run(Settings s, EvalProgress progress) throws IOException {
        // Cheap checks first: a typo in --method must not cost a model load and a gallery encoding.
        ComposerRegistry registry = ComposerRegistry.load();
        Map<String, Map<String, String>> options = MethodOptions.parse(s.options(), s.methods());
        List<ComposerFactory> factories = new ArrayList<>();
        for (String m : s.methods()) {
            factories.add(registry.get(m));
        }
        Map<String, Path> checkpoints = checkpoints(s.checkpoints(), s.methods());
        for (int i = 0; i < factories.size(); i++) {
            String m = s.methods().get(i);
            if (factories.get(i).needsCheckpoint() && checkpoints.get(m) == null) {
                throw new IllegalArgumentException("method '" + m + "' needs its trained weights: pass --checkpoint DIR (or --checkpoint " + m + "=DIR)");
            }
        }
        List<EvalTask> tasks = s.source().tasks(s.root(), s.split(), s.domain(), s.missing());
        Evaluator.ReferenceExclusion exclusion = s.exclusion() == null ? defaultExclusion(s.source()) : s.exclusion();
        PreprocessMode mode = s.preprocess() == null ? PreprocessMode.defaultFor(s.source()) : s.preprocess();

        String sha = ModelFingerprint.of(s.model());
        Path tokenizerDir = Files.isDirectory(s.model()) ? s.model() : s.model().toAbsolutePath().getParent();
        Tokenizer tokenizer = Tokenizers.load(tokenizerDir);
        List<Entry> entries = new ArrayList<>();
        List<Encoding> encodings = new ArrayList<>();
        ImagePreprocessor preprocessor;
        try (ClipModel model = ClipCheckpoints.load(s.model())) {
            preprocessor = mode.create(model.config().vision().imageSize());
            GalleryEncoder encoder = new GalleryEncoder(model, "clip-sha256:" + sha, preprocessor, s.cacheDir(), s.encodeBatch());
            List<QueryComposer> composers = new ArrayList<>();
            try {
                for (int i = 0; i < factories.size(); i++) {
                    String name = s.methods().get(i);
                    Map<String, String> o = options.get(name);
                    QueryComposer c = factories.get(i).create(new ComposerContext(model, tokenizer, preprocessor, checkpoints.get(name), o));
                    composers.add(new Labelled(MethodOptions.label(name, o), c));
                }
                for (EvalTask task : tasks) {
                    long t0 = System.nanoTime();
                    FeatureCache.Result r = encoder.features(task.gallery(), "encode " + task.label(), progress);
                    encodings.add(new Encoding(task.label(), task.gallery().size(), r.reused(), r.encoded(), System.nanoTime() - t0));
                    for (QueryComposer c : composers) {
                        entries.add(evaluate(task, r.features(), c, s, exclusion, progress));
                    }
                }
            } finally {
                for (QueryComposer c : composers) {
                    c.close();
                }
            }
        }
        String summary = summaryMarkdown(s, tasks, entries, encodings, sha, preprocessor, exclusion);
        Files.createDirectories(s.out());
        AtomicFiles.writeString(s.out().resolve("tables.md"), tablesMarkdown(tasks, entries));
        Path md = s.out().resolve("summary.md");
        Path js = s.out().resolve("summary.json");
        Files.createDirectories(s.out());
        AtomicFiles.writeString(md, summary);
        AtomicFiles.writeString(js, summaryJson(s, options, checkpoints, entries, encodings, sha, preprocessor, exclusion));
        return new Outcome(tasks, entries, encodings, sha, preprocessor.toString(), md, js, summary);
    }

    /** {@code DIR} applies to every method, {@code METHOD=DIR} to one (and wins). */
    static Map<String, Path> checkpoints(List<String> raw, List<String> methods) {
        Path common = null;
        Map<String, Path> scoped = new java.util.HashMap<>();
        for (String c : raw) {
            int eq = c.indexOf('=');
            if (eq > 0 && methods.contains(c.substring(0, eq))) {
                scoped.put(c.substring(0, eq), Path.of(c.substring(eq + 1)));
            } else if (common == null) {
                common = Path.of(c);
            } else {
                throw new IllegalArgumentException("two --checkpoint folders for every method (" + common + ", " + c
                        + "); scope them as METHOD=DIR with METHOD among " + methods);
            }
        }
        Map<String, Path> out = new java.util.HashMap<>();
        for (String m : methods) {
            Path p = scoped.getOrDefault(m, common);
            if (p != null) {
                out.put(m, p);
            }
        }
        return out;
    }

    private static Entry evaluate(EvalTask task, GalleryFeatures features, QueryComposer composer, Settings s,
                                  Evaluator.ReferenceExclusion exclusion, EvalProgress progress) {
        Path dir = s.out().resolve(task.slug());
        Evaluator.Options o = Evaluator.Options.defaults().withBatchSize(s.queryBatch()).withBackend(ExactSearch.Backend.DJL_MATMUL)
                .withReferenceExclusion(exclusion);
        if (s.histograms() && task.hasTargets()) {
            o = o.withHistogram(dir, SimilarityHistogram.DEFAULT_NEGATIVE_PAIRS, 0L);
        }
        Evaluator evaluator = new Evaluator(o, progress);
        String base = Evaluator.fileSafe(composer.name());
        EvalReport report = null;
        if (task.hasTargets()) {
            report = task.kind() == DatasetKind.FASHION_IQ
                    ? evaluator.evaluateFashionIq(task.parts(), features, composer)
                    : evaluator.evaluate(task.parts().get(0), features, composer);
            // Name the report after the task: in the world, "circo/val" alone does not say which domain.
            report = new EvalReport(report.method(), task.label(), report.kind(), report.queryCount(), report.gallerySize(), report.groups(),
                    report.notes(), report.similarity(), report.histogramPng(), report.composeMillis(), report.searchMillis());
            report.write(dir, base);
        }
        List<Path> files = new ArrayList<>();
        if (!task.hasTargets() || s.submissions()) {
            if (task.kind() == DatasetKind.FASHION_IQ) {
                if (!task.hasTargets()) {
                    throw new IllegalArgumentException(task.label() + " has no ground truth and FashionIQ has no submission format; evaluate --split val");
                }
            } else {
                Retrievals r = evaluator.retrieve(task.parts().get(0), features, composer);
                if (task.kind() == DatasetKind.CIRR) {
                    Path recall = dir.resolve(base + "_cirr_recall.json");
                    Path subset = dir.resolve(base + "_cirr_recall_subset.json");
                    SubmissionWriter.writeCirr(r, recall, subset);
                    files.add(recall);
                    files.add(subset);
                } else {
                    Path f = dir.resolve(base + "_circo.json");
                    SubmissionWriter.writeCirco(r, f);
                    files.add(f);
                }
            }
        }
        return new Entry(task, composer.name(), report, files);
    }

    private static String summaryMarkdown(Settings s, List<EvalTask> tasks, List<Entry> entries, List<Encoding> encodings, String sha,
                                          ImagePreprocessor preprocessor, Evaluator.ReferenceExclusion exclusion) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(s.source().id()).append(' ').append(s.split()).append(": ").append(String.join(", ", s.methods())).append("\n\n");
        sb.append("* model: `").append(s.model()).append("` (fingerprint: sha256 of its .safetensors and .json files ").append(sha, 0, 16).append("…)\n");
        sb.append("* preprocessing: ").append(preprocessor).append('\n');
        sb.append("* reference image removed from its own ranking: ").append(exclusion).append(exclusion == Evaluator.ReferenceExclusion.DATASET_DEFAULT
                ? " (removed for CIRR only, as published)" : "").append('\n');
        sb.append("* root: `").append(s.root()).append("`\n\n");
        for (EvalTask task : tasks) {
            List<EvalReport> reports = entries.stream().filter(e -> e.task() == task && e.report() != null).map(Entry::report).toList();
            sb.append("## ").append(task.label()).append("\n\n");
            sb.append(task.queryCount()).append(" queries, ").append(task.gallery().size()).append(" gallery images.\n\n");
            if (!reports.isEmpty()) {
                sb.append(ComparisonTables.markdown(task.kind(), reports)).append('\n');
            } else {
                sb.append("No ground truth: submission files only.\n\n");
            }
            for (Entry e : entries) {
                if (e.task() == task && !e.submissionFiles().isEmpty()) {
                    sb.append("* ").append(e.method()).append(" submission: ");
                    sb.append(String.join(", ", e.submissionFiles().stream().map(p -> "`" + s.out().relativize(p) + "`").toList())).append('\n');
                }
            }
        }
        sb.append("## Gallery encoding\n\n| task | images | from cache | encoded | seconds | images/s |\n|---|---:|---:|---:|---:|---:|\n");
        for (Encoding e : encodings) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f | %s |%n", e.task(), e.images(), e.reused(), e.encoded(), e.nanos() / 1e9,
                    e.encoded() == 0 ? "–" : String.format(Locale.ROOT, "%.1f", e.imagesPerSecond())));
        }
        return sb.toString();
    }

    /** The comparison tables alone, one section per task, with no machine-specific paths (for docs/results). */
    private static String tablesMarkdown(List<EvalTask> tasks, List<Entry> entries) {
        StringBuilder sb = new StringBuilder();
        for (EvalTask task : tasks) {
            List<EvalReport> reports = entries.stream().filter(e -> e.task() == task && e.report() != null).map(Entry::report).toList();
            if (reports.isEmpty()) {
                continue;
            }
            sb.append("### ").append(task.label()).append("\n\n").append(task.queryCount()).append(" queries, ")
                    .append(task.gallery().size()).append(" gallery images.\n\n");
            sb.append(ComparisonTables.markdown(task.kind(), reports)).append('\n');
            for (String note : reports.get(0).notes()) {
                sb.append("* ").append(note).append('\n');
            }
            if (!reports.get(0).notes().isEmpty()) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String summaryJson(Settings s, Map<String, Map<String, String>> options, Map<String, Path> checkpoints,
                                      List<Entry> entries, List<Encoding> encodings, String sha, ImagePreprocessor preprocessor,
                                      Evaluator.ReferenceExclusion exclusion) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "cir4j-eval-summary");
        root.put("version", 1);
        root.put("created", Instant.now().toString());
        root.put("dataset", s.source().id());
        root.put("split", s.split());
        root.put("root", s.root().toString());
        root.put("model", s.model().toString());
        root.put("model_sha256", sha);
        root.put("preprocessing", preprocessor.toString());
        root.put("reference_exclusion", exclusion.name());
        // Every method's options and weights in full (report labels shorten path-valued options to file names).
        ArrayNode methods = root.putArray("methods");
        for (String m : s.methods()) {
            ObjectNode o = methods.addObject();
            o.put("method", m);
            o.put("label", MethodOptions.label(m, options.get(m)));
            ObjectNode opts = o.putObject("options");
            options.get(m).forEach(opts::put);
            if (checkpoints.get(m) != null) {
                o.put("checkpoint", checkpoints.get(m).toString());
            }
        }
        ArrayNode results = root.putArray("results");
        for (Entry e : entries) {
            ObjectNode r = results.addObject();
            r.put("task", e.task().label());
            r.put("method", e.method());
            if (e.report() != null) {
                r.set("report", e.report().toJsonTree());
            }
            ArrayNode files = r.putArray("submission_files");
            e.submissionFiles().forEach(p -> files.add(s.out().relativize(p).toString()));
        }
        ArrayNode enc = root.putArray("gallery_encoding");
        for (Encoding e : encodings) {
            ObjectNode o = enc.addObject();
            o.put("task", e.task());
            o.put("images", e.images());
            o.put("from_cache", e.reused());
            o.put("encoded", e.encoded());
            o.put("seconds", e.nanos() / 1e9);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A composer reported under a label that includes its options, so two settings of one method never share a file. */
    private record Labelled(String name, QueryComposer delegate) implements QueryComposer {
        @Override
        public float[][] compose(List<ComposerInput> queries) {
            return delegate.compose(queries);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
