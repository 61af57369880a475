package org.cir4j.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.cir4j.data.CirDataset;
import org.cir4j.data.CirQuery;
import org.cir4j.data.DatasetKind;
import org.cir4j.data.GalleryImage;
import org.cir4j.index.ExactSearch;
import org.cir4j.index.GalleryFeatures;
import org.cir4j.index.SearchHits;
import org.cir4j.methods.ComposerInput;
import org.cir4j.methods.QueryComposer;

/**
 * Runs a {@link QueryComposer} over every query of a dataset in batches, ranks the gallery exactly, and
 * scores the rankings with the dataset's reference protocol ({@link FashionIqMetrics}, {@link CirrMetrics},
 * {@link CircoMetrics}).
 *
 * <p>Gallery features are looked up by image name, so one feature set (e.g. from {@code FeatureCache}) can
 * serve several tasks; the dataset's gallery rows are selected and L2-normalised before ranking, as the
 * reference code does ({@code F.normalize(index_features)}). Each {@link ComposerInput} receives the
 * reference's feature <em>as supplied</em> (CLIP4Cir's Combiner consumes raw features).
 */
public final class Evaluator {

    /** Whether a query's reference image may appear in its own ranking. */
    public enum ReferenceExclusion {
        /** The published protocol: removed for CIRR, kept for FashionIQ and CIRCO. */
        DATASET_DEFAULT,
        /**
         * Always removed. A deviation for FashionIQ/CIRCO (numbers are then not comparable with the papers);
         * meant for the synthetic world, whose benchmark excludes the reference in every layout.
         */
        ALWAYS,
        /** Never removed. A deviation for CIRR, for ablations only. */
        NEVER
    }

    /**
     * @param batchSize          queries per {@link QueryComposer#compose} call
     * @param topK               ranking depth kept per query (≥ 50, the deepest cutoff of every protocol)
     * @param backend            exact-search backend
     * @param referenceExclusion see {@link ReferenceExclusion}
     * @param normTolerance      allowed |‖v‖ − 1| of composer outputs (the contract says L2-normalised)
     * @param histogramDir       where to write similarity histogram PNGs; {@code null}: no histogram
     * @param negativePairs      non-target pairs sampled for the histogram
     * @param seed               sampling seed for the histogram
     */
    public record Options(int batchSize, int topK, ExactSearch.Backend backend, ReferenceExclusion referenceExclusion,
                          double normTolerance, Path histogramDir, int negativePairs, long seed) {
        public Options {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
            }
            if (topK < 50) {
                throw new IllegalArgumentException("topK must be at least 50 (the deepest metric cutoff), got " + topK);
            }
            Objects.requireNonNull(backend, "backend");
            Objects.requireNonNull(referenceExclusion, "referenceExclusion");
        }

        public static Options defaults() {
            return new Options(64, 50, ExactSearch.Backend.DJL_MATMUL, ReferenceExclusion.DATASET_DEFAULT, 1e-3, null,
                    SimilarityHistogram.DEFAULT_NEGATIVE_PAIRS, 0L);
        }

        public Options withBatchSize(int b) {
            return new Options(b, topK, backend, referenceExclusion, normTolerance, histogramDir, negativePairs, seed);
        }

        public Options withBackend(ExactSearch.Backend b) {
            return new Options(batchSize, topK, b, referenceExclusion, normTolerance, histogramDir, negativePairs, seed);
        }

        public Options withReferenceExclusion(ReferenceExclusion r) {
            return new Options(batchSize, topK, backend, r, normTolerance, histogramDir, negativePairs, seed);
        }

        public Options withHistogram(Path dir, int pairs, long s) {
            return new Options(batchSize, topK, backend, referenceExclusion, normTolerance, dir, pairs, s);
        }
    }

    private final Options options;
    private final EvalProgress progress;

    public Evaluator() {
        this(Options.defaults());
    }

    public Evaluator(Options options) {
        this(options, EvalProgress.NONE);
    }

    /** @param progress told after every composed batch, stage {@code "compose <method> on <dataset name>"} */
    public Evaluator(Options options, EvalProgress progress) {
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    public Options options() {
        return options;
    }

    /** Whether {@code kind}'s protocol, under these options, removes the reference from its ranking. */
    public boolean excludesReference(DatasetKind kind) {
        return switch (options.referenceExclusion()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case DATASET_DEFAULT -> kind == DatasetKind.CIRR;
        };
    }

    /**
     * Composes and ranks every query (no metrics: works on test splits too, for submissions).
     *
     * @param features named gallery features; must cover every gallery image of {@code dataset}
     */
    public Retrievals retrieve(CirDataset dataset, GalleryFeatures features, QueryComposer composer) {
        return run(dataset, features, composer, null);
    }

    /** Evaluates a CIRR or CIRCO split (FashionIQ: use {@link #evaluateFashionIq}). */
    public EvalReport evaluate(CirDataset dataset, GalleryFeatures features, QueryComposer composer) {
        if (dataset.kind() == DatasetKind.FASHION_IQ) {
            return evaluateFashionIq(List.of(dataset), features, composer);
        }
        requireTargets(dataset);
        SimilarityHistogram.Collector sims = options.histogramDir() == null ? null : new SimilarityHistogram.Collector(options.seed());
        Retrievals r = run(dataset, features, composer, sims);
        List<MetricGroup> groups = score(r);
        return report(composer.name(), dataset.name(), dataset.kind(), List.of(dataset), List.of(r), groups, sims);
    }

    /**
     * Evaluates FashionIQ categories (normally the three of one split), each against its own gallery, and
     * adds their unweighted average.
     */
    public EvalReport evaluateFashionIq(List<CirDataset> categories, GalleryFeatures features, QueryComposer composer) {
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("no FashionIQ categories given");
        }
        SimilarityHistogram.Collector sims = options.histogramDir() == null ? null : new SimilarityHistogram.Collector(options.seed());
        List<MetricGroup> groups = new ArrayList<>();
        List<Retrievals> runs = new ArrayList<>();
        String split = categories.get(0).split();
        for (CirDataset c : categories) {
            if (c.kind() != DatasetKind.FASHION_IQ || !c.split().equals(split)) {
                throw new IllegalArgumentException("expected FashionIQ categories of split " + split + ", got " + c.name());
            }
            requireTargets(c);
            Retrievals r = run(c, features, composer, sims);
            runs.add(r);
            groups.add(FashionIqMetrics.category(c.category().orElseThrow(), c.queries(), r.rankings(), eligibleGallery(r)));
        }
        groups.add(FashionIqMetrics.average(groups));
        return report(composer.name(), DatasetKind.FASHION_IQ.id() + "/" + split, DatasetKind.FASHION_IQ, categories, runs, groups, sims);
    }

    /** Metrics of already computed rankings under the dataset's protocol. */
    public static List<MetricGroup> score(Retrievals r) {
        CirDataset d = r.dataset();
        return switch (d.kind()) {
            case FASHION_IQ -> List.of(FashionIqMetrics.category(d.category().orElse("all"), d.queries(), r.rankings(), eligibleGallery(r)));
            case CIRR -> CirrMetrics.score(d.queries(), r.rankings(), r.subsetRankings(), d.gallery().size());
            case CIRCO -> CircoMetrics.score(d.queries(), r.rankings(), eligibleGallery(r));
        };
    }

    /**
     * Gallery images a ranking can hold: one fewer when the reference was removed (FashionIQ/CIRCO under
     * {@link ReferenceExclusion#ALWAYS}; CIRR's metrics account for its removal themselves). Only matters for
     * galleries smaller than the deepest cutoff + 1.
     */
    private static int eligibleGallery(Retrievals r) {
        return r.dataset().gallery().size() - (r.referenceExcluded() ? 1 : 0);
    }

    private static void requireTargets(CirDataset d) {
        if (!d.hasTargets()) {
            long without = d.queries().stream().filter(q -> !q.hasTarget()).count();
            throw new IllegalArgumentException(d.name() + ": " + (d.queries().isEmpty() ? "no queries" : without + " of " + d.queries().size()
                    + " queries have no target") + "; metrics need ground truth (use retrieve() and a submission writer for test splits)");
        }
    }

    private Retrievals run(CirDataset dataset, GalleryFeatures features, QueryComposer composer, SimilarityHistogram.Collector sims) {
        GalleryFeatures gallery = galleryFor(dataset, features);
        boolean exclude = excludesReference(dataset.kind());
        List<CirQuery> queries = dataset.queries();
        List<List<String>> rankings = new ArrayList<>(queries.size());
        List<List<String>> subsets = new ArrayList<>(queries.size());
        float[][] vectors = new float[queries.size()][];
        long composeNanos = 0;
        long searchNanos = 0;
        try (ExactSearch search = ExactSearch.create(gallery, options.backend())) {
            for (int from = 0; from < queries.size(); from += options.batchSize()) {
                int to = Math.min(queries.size(), from + options.batchSize());
                List<ComposerInput> inputs = new ArrayList<>(to - from);
                int[][] exclusions = new int[to - from][];
                for (int q = from; q < to; q++) {
                    CirQuery query = queries.get(q);
                    int refRow = gallery.indexOf(query.referenceName());
                    GalleryImage refImage = dataset.gallery().get(dataset.galleryIndexOf(query.referenceName()));
                    float[] refFeature = features.vector(features.indexOf(query.referenceName()));
                    inputs.add(new ComposerInput(refImage.path(), refFeature, query.captions(), query.sharedConcept()));
                    exclusions[q - from] = exclude ? new int[] {refRow} : null;
                }
                long t0 = System.nanoTime();
                float[][] composed = composer.compose(inputs);
                long t1 = System.nanoTime();
                checkComposed(composer, dataset, from, composed, inputs.size(), gallery.dim());
                SearchHits hits = search.search(composed, options.topK(), exclusions);
                for (int q = from; q < to; q++) {
                    int[] rows = hits.indices()[q - from];
                    List<String> names = new ArrayList<>(rows.length);
                    for (int row : rows) {
                        names.add(gallery.name(row));
                    }
                    rankings.add(names);
                    subsets.add(subsetRanking(queries.get(q), gallery, composed[q - from]));
                    vectors[q] = composed[q - from];
                }
                composeNanos += t1 - t0;
                searchNanos += System.nanoTime() - t1;
                progress.update("compose " + composer.name() + " on " + dataset.name(), to, queries.size());
            }
        }
        if (sims != null) {
            List<int[]> positives = new ArrayList<>(queries.size());
            List<int[]> excluded = new ArrayList<>(queries.size());
            for (CirQuery q : queries) {
                positives.add(q.groundTruth().stream().mapToInt(gallery::indexOf).toArray());
                excluded.add(exclude ? new int[] {gallery.indexOf(q.referenceName())} : null);
            }
            sims.add(vectors, gallery, positives, excluded, options.negativePairs());
        }
        return new Retrievals(composer.name(), dataset, exclude, rankings, subsets, vectors, composeNanos, searchNanos);
    }

    /** The dataset's gallery rows, L2-normalised, reusing {@code features} when it already is exactly that. */
    private static GalleryFeatures galleryFor(CirDataset dataset, GalleryFeatures features) {
        List<String> names = dataset.galleryNames();
        GalleryFeatures g;
        try {
            g = names.equals(features.names()) ? features : features.select(names);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(dataset.name() + ": " + e.getMessage(), e);
        }
        return g.isNormalized(1e-4) ? g : g.normalized();
    }

    /** CIRR's subset ranking: the img_set members except the reference, by descending score (ties: lower gallery row). */
    private static List<String> subsetRanking(CirQuery q, GalleryFeatures gallery, float[] vector) {
        if (q.subsetMembers().isEmpty()) {
            return List.of();
        }
        List<String> others = new ArrayList<>(q.subsetMembers());
        others.remove(q.referenceName());
        int[] rows = others.stream().mapToInt(gallery::indexOf).toArray();
        float[] scores = new float[rows.length];
        Integer[] order = new Integer[rows.length];
        for (int i = 0; i < rows.length; i++) {
            scores[i] = gallery.dot(vector, rows[i]);
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> rows[i]));
        List<String> out = new ArrayList<>(rows.length);
        for (Integer i : order) {
            out.add(others.get(i));
        }
        return out;
    }

    private void checkComposed(QueryComposer composer, CirDataset dataset, int offset, float[][] composed, int expected, int dim) {
        String who = "composer '" + composer.name() + "' on " + dataset.name();
        if (composed == null || composed.length != expected) {
            throw new IllegalStateException(who + ": returned " + (composed == null ? "null" : composed.length + " vectors") + " for a batch of " + expected);
        }
        for (int i = 0; i < composed.length; i++) {
            String id = dataset.queries().get(offset + i).id();
            float[] v = composed[i];
            if (v == null || v.length != dim) {
                throw new IllegalStateException(who + ": vector for query " + id + " has length " + (v == null ? "null" : v.length)
                        + ", gallery features have " + dim);
            }
            double ss = 0;
            for (float x : v) {
                ss += (double) x * x;
            }
            double norm = Math.sqrt(ss);
            if (!(Math.abs(norm - 1) <= options.normTolerance())) {
                throw new IllegalStateException(String.format(Locale.ROOT, "%s: vector for query %s has norm %.6f; the contract is L2-normalised (tolerance %.0e)",
                        who, id, norm, options.normTolerance()));
            }
        }
    }

    private EvalReport report(String method, String datasetName, DatasetKind kind, List<CirDataset> parts, List<Retrievals> runs,
                              List<MetricGroup> groups, SimilarityHistogram.Collector sims) {
        List<String> notes = new ArrayList<>();
        int queries = 0;
        int gallery = 0;
        long compose = 0;
        long search = 0;
        for (int i = 0; i < parts.size(); i++) {
            CirDataset d = parts.get(i);
            queries += d.queries().size();
            gallery += d.gallery().size();
            compose += runs.get(i).composeNanos();
            search += runs.get(i).searchNanos();
            if (!d.missingImages().isEmpty()) {
                notes.add(d.name() + ": " + d.missingImages().summary() + "; numbers are not comparable with published ones");
            }
        }
        boolean exclude = excludesReference(kind);
        if (exclude != (kind == DatasetKind.CIRR)) {
            notes.add("reference image " + (exclude ? "removed from" : "kept in") + " its ranking (option " + options.referenceExclusion()
                    + "), unlike the published " + kind.id() + " protocol");
        }
        SimilarityHistogram.Stats stats = null;
        String png = null;
        if (sims != null) {
            stats = sims.stats(SimilarityHistogram.DEFAULT_BINS);
            png = fileSafe(method) + "_" + fileSafe(datasetName) + "_similarity.png";
            SimilarityHistogram.writePng(stats, method + " on " + datasetName + ": composed query vs gallery", options.histogramDir().resolve(png));
        }
        return new EvalReport(method, datasetName, kind, queries, gallery, groups, notes, stats, png, compose / 1_000_000, search / 1_000_000);
    }

    static String fileSafe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]+", "-");
    }
}
