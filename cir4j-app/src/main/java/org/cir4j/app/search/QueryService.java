package org.cir4j.app.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cir4j.image.DecodedImage;
import org.cir4j.index.gallery.GalleryIndex;
import org.cir4j.index.gallery.IndexHit;
import org.cir4j.index.gallery.SearchMode;
import org.cir4j.methods.ComposerInput;
import org.cir4j.methods.QueryComposer;

/**
 * Composed-image search over one gallery index with one model: reference (a gallery image or an uploaded
 * one) + text → the chosen method's query vector → ranked gallery images. Shared by {@code cir4j search},
 * {@code cir4j demo} and the HTTP server.
 *
 * <p>Thread-safe: the index is; each method's composer is created once and used by one request at a time
 * (composers own native state and are not documented as thread-safe), so different methods run in parallel.
 */
public final class QueryService implements AutoCloseable {

    /** Where the reference comes from: a gallery id, or an uploaded image (decoded, plus a file for composers that re-read it). */
    public record Reference(String galleryId, DecodedImage upload, Path uploadFile) {
        public static Reference gallery(String id) {
            return new Reference(id, null, null);
        }

        public static Reference upload(DecodedImage image, Path file) {
            return new Reference(null, image, file);
        }
    }

    /** One query. {@code excludeReference}: drop a gallery reference from its own ranking (the CIRR convention). */
    public record Request(Reference reference, String text, String method, int k, SearchMode mode, String folder,
                          boolean excludeReference) {}

    /** One ranked image; {@code target} when the query is a benchmark query and this image is in its ground truth. */
    public record Hit(int rank, String id, float score, boolean target) {}

    public record Result(String method, List<Hit> hits, double composeMillis, double searchMillis,
                         List<String> groundTruth) {}

    private final GalleryIndex index;
    private final ModelBundle bundle;
    private final MethodCatalog catalog;
    private final BenchmarkQueries benchmark;
    private final Map<String, QueryComposer> composers = new HashMap<>();
    private final Map<String, String> unavailable = new java.util.TreeMap<>();

    public QueryService(GalleryIndex index, ModelBundle bundle, MethodCatalog catalog, BenchmarkQueries benchmark) {
        index.manifest().requireCompatible(bundle.modelId(), bundle.preprocessor().toString(), bundle.model().config().embedDim(),
                index.directory());
        this.index = index;
        this.bundle = bundle;
        this.catalog = catalog;
        this.benchmark = benchmark;
    }

    /**
     * Builds every method's composer now, so that a checkpoint that does not fit this model (another base CLIP,
     * a corrupt file) is reported once at start-up — and left out of {@link #availableMethods()} — instead of
     * failing the first request that picks it.
     *
     * @return method name → why it is unavailable (empty when all load)
     */
    public Map<String, String> warmUp() {
        for (String name : catalog.methods().keySet()) {
            try {
                composer(name);
            } catch (RuntimeException e) {
                synchronized (composers) {
                    unavailable.put(name, e.getMessage() == null ? e.toString() : e.getMessage());
                }
            }
        }
        synchronized (composers) {
            return Map.copyOf(unavailable);
        }
    }

    /** Methods a request may use (all catalogued ones minus those {@link #warmUp()} could not load). */
    public java.util.List<MethodCatalog.Method> availableMethods() {
        synchronized (composers) {
            return catalog.methods().values().stream().filter(m -> !unavailable.containsKey(m.name())).toList();
        }
    }

    /** The method a request gets when it names none. */
    public String defaultMethod() {
        java.util.List<MethodCatalog.Method> ok = availableMethods();
        if (ok.isEmpty()) {
            throw new IllegalStateException("no query composer could be loaded" + (unavailable.isEmpty() ? "" : ": " + unavailable));
        }
        return ok.stream().anyMatch(m -> m.name().equals("sum")) ? "sum" : ok.get(0).name();
    }

    public GalleryIndex index() {
        return index;
    }

    public MethodCatalog catalog() {
        return catalog;
    }

    public BenchmarkQueries benchmark() {
        return benchmark;
    }

    public ModelBundle bundle() {
        return bundle;
    }

    public Result search(Request req) throws IOException {
        if (req.text() == null) {
            throw new IllegalArgumentException("the modification text is missing");
        }
        if (req.text().length() > 1000) {
            throw new IllegalArgumentException("the modification text has " + req.text().length() + " characters; at most 1000");
        }
        if (req.k() < 1 || req.k() > 1000) {
            throw new IllegalArgumentException("k must be 1..1000, found " + req.k());
        }
        String methodName = req.method() == null || req.method().isBlank() ? defaultMethod() : req.method();
        catalog.get(methodName); // unknown names fail before any work
        String why;
        synchronized (composers) {
            why = unavailable.get(methodName);
        }
        if (why != null) {
            throw new IllegalArgumentException("method '" + methodName + "' could not be loaded: " + why);
        }
        long t0 = System.nanoTime();
        int refRow = -1;
        float[] refFeature;
        Path refFile;
        Reference ref = req.reference();
        if (ref == null || (ref.galleryId() == null && ref.upload() == null)) {
            throw new IllegalArgumentException("a reference image is missing: give a gallery id or upload an image");
        }
        if (ref.galleryId() != null) {
            refRow = index.rowOf(ref.galleryId());
            if (refRow < 0) {
                throw new IllegalArgumentException("no gallery image with id '" + ref.galleryId() + "' in this index");
            }
            refFeature = index.rawVector(refRow);
            refFile = index.imagesRoot() == null ? null : index.file(refRow);
        } else {
            refFeature = bundle.encoder().encodeOne(ref.upload());
            refFile = ref.uploadFile();
        }
        ComposerInput input = new ComposerInput(refFile, refFeature, List.of(req.text()), null);
        float[] query;
        QueryComposer composer = composer(methodName);
        synchronized (composer) {
            query = composer.compose(List.of(input))[0];
        }
        long t1 = System.nanoTime();
        List<IndexHit> found = index.search(query, req.k(), req.mode(), req.folder(), req.excludeReference() ? refRow : -1);
        long t2 = System.nanoTime();
        BenchmarkQueries.Query bq = ref.galleryId() == null ? null : benchmark.find(ref.galleryId(), req.text());
        Set<String> truth = bq == null ? Set.of() : Set.copyOf(bq.targets());
        List<Hit> hits = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            IndexHit h = found.get(i);
            hits.add(new Hit(i + 1, h.id(), h.score(), truth.contains(h.id())));
        }
        return new Result(methodName, hits, (t1 - t0) / 1e6, (t2 - t1) / 1e6, bq == null ? null : bq.targets());
    }

    private QueryComposer composer(String name) {
        synchronized (composers) {
            return composers.computeIfAbsent(name, n -> catalog.create(n, bundle));
        }
    }

    @Override
    public void close() {
        synchronized (composers) {
            composers.values().forEach(QueryComposer::close);
            composers.clear();
        }
    }
}
