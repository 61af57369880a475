package org.cir4j.index.gallery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.cir4j.index.ExactSearch;
import org.cir4j.index.GalleryFeatures;
import org.cir4j.index.SearchHits;

/**
 * A gallery index opened for search (see {@link GalleryIndexWriter} for the layout). It reads the last
 * Lucene commit, so it opens an index that a killed sync left behind, and holds the exact unit vectors in
 * memory for exact search and for rescoring HNSW candidates.
 *
 * <p>Thread-safe: Lucene's searcher is, and exact search (one native matrix) is serialised.
 */
public final class GalleryIndex implements AutoCloseable {

    private final Path dir;
    private final IndexManifest manifest;
    private final Directory luceneDir;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final GalleryFeatures features;
    private final float[] norms;
    private final int[] rowOfDoc;
    private final Map<String, Integer> rowOfId;
    private final Path imagesRoot;
    private final ExactSearch exact;

    private GalleryIndex(Path dir, IndexManifest manifest, Directory luceneDir, DirectoryReader reader,
                         ExactVectorsFile.Contents contents, Path imagesRoot) {
        this.dir = dir;
        this.manifest = manifest;
        this.luceneDir = luceneDir;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.features = GalleryFeatures.ofMatrix(Arrays.asList(contents.ids()), contents.matrix(), contents.dim());
        this.norms = contents.norms();
        this.rowOfDoc = new int[reader.maxDoc()];
        Arrays.fill(rowOfDoc, -1);
        this.rowOfId = new HashMap<>();
        for (int r = 0; r < contents.ids().length; r++) {
            rowOfDoc[contents.docIds()[r]] = r;
            rowOfId.put(contents.ids()[r], r);
        }
        this.imagesRoot = imagesRoot;
        this.exact = features.size() == 0 ? null : ExactSearch.create(features);
    }

    /** Opens the index at {@code dir} (its last commit). */
    public static GalleryIndex open(Path dir) throws IOException {
        IndexManifest manifest = IndexManifest.read(dir);
        Path lucene = dir.resolve(LuceneLayout.DIR);
        Directory ld = FSDirectory.open(lucene);
        try {
            if (!DirectoryReader.indexExists(ld)) {
                throw new IOException("index " + dir + " has a manifest but no committed images yet (" + lucene
                        + " is empty); run `cir4j index` to fill it");
            }
            DirectoryReader reader = DirectoryReader.open(ld);
            try {
                ExactVectorsFile.Contents c = ExactVectorsFile.readIfCurrent(dir, reader.getIndexCommit().getGeneration());
                if (c == null) {
                    c = readFromLucene(reader);
                    if (Files.isWritable(dir)) {
                        ExactVectorsFile.write(dir, c);
                    }
                }
                if (c.ids().length > 0 && c.dim() != manifest.dim()) {
                    throw new IOException(dir + ": vectors have dim " + c.dim() + " but the manifest says " + manifest.dim());
                }
                String root = reader.getIndexCommit().getUserData().get(LuceneLayout.IMAGES_ROOT);
                return new GalleryIndex(dir, manifest, ld, reader, c, root == null ? null : Path.of(root));
            } catch (IOException | RuntimeException e) {
                reader.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            ld.close();
            throw e;
        }
    }

    /** Rewrites {@code exact.vec} when it does not belong to the current commit (after a sync). */
    static void refreshExactVectorsIfStale(Path indexDir, Directory luceneDir) throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(luceneDir)) {
            if (ExactVectorsFile.generationOf(indexDir) != reader.getIndexCommit().getGeneration()) {
                ExactVectorsFile.write(indexDir, readFromLucene(reader));
            }
        }
    }

    private static ExactVectorsFile.Contents readFromLucene(DirectoryReader reader) throws IOException {
        int n = reader.numDocs();
        int[] docIds = new int[n];
        String[] ids = new String[n];
        float[] norms = new float[n];
        int dim = 0;
        float[] matrix = null;
        int row = 0;
        for (LeafReaderContext leaf : reader.leaves()) {
            FloatVectorValues values = leaf.reader().getFloatVectorValues(LuceneLayout.VECTOR);
            if (values == null) {
                continue;
            }
            if (matrix == null) {
                dim = values.dimension();
                matrix = new float[Math.multiplyExact(n, dim)];
            }
            Bits live = leaf.reader().getLiveDocs();
            StoredFields stored = leaf.reader().storedFields();
            for (int d = values.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = values.nextDoc()) {
                if (live != null && !live.get(d)) {
                    continue;
                }
                Document doc = stored.document(d);
                docIds[row] = leaf.docBase + d;
                ids[row] = doc.get(LuceneLayout.ID);
                norms[row] = doc.getField(LuceneLayout.NORM).numericValue().floatValue();
                System.arraycopy(values.vectorValue(), 0, matrix, row * dim, dim);
                row++;
            }
        }
        if (row != n) {
            throw new IOException("index holds " + n + " live documents but " + row + " vectors");
        }
        return new ExactVectorsFile.Contents(reader.getIndexCommit().getGeneration(), docIds, ids, norms,
                matrix == null ? new float[0] : matrix, dim == 0 ? 1 : dim);
    }

    public IndexManifest manifest() {
        return manifest;
    }

    public Path directory() {
        return dir;
    }

    /** Absolute images root of the last sync ({@code null} for an index written before it was recorded). */
    public Path imagesRoot() {
        return imagesRoot;
    }

    public int size() {
        return features.size();
    }

    public String id(int row) {
        return features.name(row);
    }

    public List<String> ids() {
        return features.names();
    }

    /** Row of {@code id}, or -1. */
    public int rowOf(String id) {
        Integer r = rowOfId.get(id);
        return r == null ? -1 : r;
    }

    /** The image file of {@code row} under the images root. */
    public Path file(int row) {
        if (imagesRoot == null) {
            throw new IllegalStateException("index " + dir + " does not record its images folder");
        }
        return imagesRoot.resolve(id(row));
    }

    /** The L2-normalised vector of {@code row} (a copy). */
    public float[] unitVector(int row) {
        return features.vector(row);
    }

    /** The raw (unnormalised) feature the encoder produced for {@code row}: norm · unit vector. */
    public float[] rawVector(int row) {
        float[] v = features.vector(row);
        for (int j = 0; j < v.length; j++) {
            v[j] *= norms[row];
        }
        return v;
    }

    /** The exact unit vectors (shared, do not modify). */
    public GalleryFeatures features() {
        return features;
    }

    /** Image count per top-level folder (images directly under the root count under ""). */
    public Map<String, Integer> folderCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String id : features.names()) {
            int slash = id.indexOf('/');
            counts.merge(slash < 0 ? "" : id.substring(0, slash), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * Top {@code k} images for {@code query}.
     *
     * @param query   query vector of the index's dim (normalised here; scores are cosines)
     * @param mode    exact or HNSW candidates (both scored with the exact vectors)
     * @param folder  only images under this folder (e.g. {@code "shapes"} or {@code "shapes/test"}), or {@code null}
     * @param exclude a row that must not appear (CIRR removes the reference from its own ranking), or -1
     */
    public List<IndexHit> search(float[] query, int k, SearchMode mode, String folder, int exclude) throws IOException {
        return search(query, k, mode, folder, exclude, k);
    }

    /**
     * As {@link #search(float[], int, SearchMode, String, int)}; with HNSW, the graph is searched for
     * {@code candidates} (≥ k) neighbours — Lucene's beam width — and the best k of them by exact score are kept.
     * More candidates: higher recall, slower.
     */
    public List<IndexHit> search(float[] query, int k, SearchMode mode, String folder, int exclude, int candidates)
            throws IOException {
        if (candidates < k) {
            throw new IllegalArgumentException("HNSW candidates (" + candidates + ") must be >= k (" + k + ")");
        }
        Objects.requireNonNull(mode, "mode");
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, found " + k);
        }
        if (query.length != manifest.dim()) {
            throw new IllegalArgumentException("query vector has length " + query.length + ", the index dim is " + manifest.dim());
        }
        float[] q = unit(query);
        if (size() == 0) {
            return List.of();
        }
        String prefix = folder == null || folder.isBlank() ? null : trimSlashes(folder);
        if (mode == SearchMode.HNSW) {
            return hnsw(q, k, prefix, exclude, candidates);
        }
        if (prefix == null) {
            SearchHits hits;
            synchronized (exact) {
                hits = exact.search(new float[][] {q}, Math.min(k, size()), exclude < 0 ? null : new int[][] {{exclude}});
            }
            List<IndexHit> out = new ArrayList<>();
            for (int i = 0; i < hits.indices()[0].length; i++) {
                int r = hits.indices()[0][i];
                out.add(new IndexHit(r, id(r), hits.scores()[0][i]));
            }
            return out;
        }
        // Filtered exact search: score only the folder's rows.
        PriorityQueue<IndexHit> heap = new PriorityQueue<>(
                (a, b) -> a.score() != b.score() ? Float.compare(a.score(), b.score()) : Integer.compare(b.row(), a.row()));
        String p = prefix + "/";
        for (int r = 0; r < size(); r++) {
            if (r == exclude || !id(r).startsWith(p)) {
                continue;
            }
            heap.add(new IndexHit(r, id(r), features.dot(q, r)));
            if (heap.size() > k) {
                heap.poll();
            }
        }
        List<IndexHit> out = new ArrayList<>(heap);
        out.sort(ORDER);
        return out;
    }

    private static final java.util.Comparator<IndexHit> ORDER =
            (a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score()) : Integer.compare(a.row(), b.row());

    private List<IndexHit> hnsw(float[] q, int k, String prefix, int exclude, int candidates) throws IOException {
        Query filter = prefix == null ? null : new TermQuery(new Term(LuceneLayout.FOLDER, prefix));
        int want = candidates + (exclude >= 0 ? 1 : 0);
        TopDocs top = searcher.search(new KnnFloatVectorQuery(LuceneLayout.VECTOR, q, want, filter), want);
        List<IndexHit> out = new ArrayList<>();
        for (ScoreDoc sd : top.scoreDocs) {
            int r = rowOfDoc[sd.doc];
            if (r < 0 || r == exclude) {
                continue;
            }
            out.add(new IndexHit(r, id(r), features.dot(q, r)));
        }
        out.sort(ORDER);
        return out.size() > k ? new ArrayList<>(out.subList(0, k)) : out;
    }

    private static String trimSlashes(String s) {
        String t = s.strip();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        while (t.startsWith("/")) {
            t = t.substring(1);
        }
        return t;
    }

    private static float[] unit(float[] v) {
        double ss = 0;
        for (float x : v) {
            ss += (double) x * x;
        }
        if (!(ss > 0) || Double.isInfinite(ss)) {
            throw new IllegalArgumentException("query vector has norm " + Math.sqrt(ss) + "; cannot search with it");
        }
        float inv = (float) (1 / Math.sqrt(ss));
        float[] u = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            u[j] = v[j] * inv;
        }
        return u;
    }

    @Override
    public void close() throws IOException {
        if (exact != null) {
            exact.close();
        }
        reader.close();
        luceneDir.close();
    }
}
