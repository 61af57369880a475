package org.cir4j.index.gallery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.cir4j.image.ImageDecodeException;
import org.cir4j.world.ProgressListener;

/**
 * Builds and incrementally updates a gallery index: {@code manifest.json}, a Lucene index (one document per
 * image: id, content hash, norm, folder terms, HNSW vector) and the exact vectors ({@code exact.vec}).
 *
 * <p><b>Sync.</b> Images are discovered recursively under the images root. An image whose size and mtime
 * match its document is unchanged; otherwise its content hash decides (same bytes: unchanged, other bytes:
 * re-encoded). Documents whose file disappeared are deleted. Only new or changed images are encoded.
 *
 * <p><b>Crash safety.</b> Lucene commits are atomic and happen every {@link IndexOptions#commitEvery()}
 * images, so after {@code kill -9} the index opens at its last commit (a usable, smaller index) and the next
 * sync finds the committed images unchanged and encodes only the rest: a resumed run. {@code exact.vec} is a
 * cache stamped with the commit generation and rebuilt when stale.
 */
public final class GalleryIndexWriter {

    private static final Logger LOG = Logger.getLogger(GalleryIndexWriter.class.getName());

    private GalleryIndexWriter() {}

    private record Known(String hash, long size, long mtime) {}

    private record Todo(String id, Path file, String hash, long size, long mtime, boolean update) {}

    /**
     * Brings the index at {@code indexDir} (created if absent) in line with the images under {@code imagesRoot}.
     *
     * @throws IllegalArgumentException when the index was built with another encoder (see {@link IndexManifest#requireCompatible})
     */
    public static SyncReport sync(Path indexDir, Path imagesRoot, GalleryImageEncoder encoder, IndexOptions options,
                                  String modelPath, ProgressListener progress) throws IOException {
        Files.createDirectories(indexDir);
        IndexManifest manifest;
        if (Files.exists(indexDir.resolve(IndexManifest.FILE))) {
            manifest = IndexManifest.read(indexDir);
            manifest.requireCompatible(encoder.modelId(), encoder.preprocessing(), encoder.dim(), indexDir);
            if (manifest.quantization() != options.quantization() || manifest.hnswM() != options.hnswM()
                    || manifest.hnswBeamWidth() != options.beamWidth()) {
                LOG.warning("index " + indexDir + " keeps its own HNSW settings (" + manifest.quantization() + ", m="
                        + manifest.hnswM() + ", beam=" + manifest.hnswBeamWidth() + "); the requested ones apply to new indexes only");
            }
        } else {
            manifest = new IndexManifest(IndexManifest.FORMAT_VERSION, encoder.modelId(), modelPath, encoder.preprocessing(),
                    encoder.dim(), options.quantization(), options.hnswM(), options.beamWidth());
            // Written before any document: an index that exists always says what made it.
            manifest.write(indexDir);
        }
        Path root = imagesRoot.toAbsolutePath().normalize();
        List<String> ids = ImageDiscovery.discover(root);
        try (Directory dir = FSDirectory.open(indexDir.resolve(LuceneLayout.DIR))) {
            Map<String, Known> known = readKnown(dir);
            IndexWriterConfig cfg = new IndexWriterConfig()
                    .setCodec(LuceneLayout.codec(manifest))
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(64);
            try (IndexWriter writer = new IndexWriter(dir, cfg)) {
                Set<String> present = new HashSet<>(ids);
                int removed = 0;
                for (String id : known.keySet()) {
                    if (!present.contains(id)) {
                        writer.deleteDocuments(new Term(LuceneLayout.ID, id));
                        removed++;
                    }
                }
                List<Todo> todo = new ArrayList<>();
                int unchanged = 0;
                for (int i = 0; i < ids.size(); i++) {
                    String id = ids.get(i);
                    Path file = root.resolve(id);
                    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                    long size = a.size();
                    long mtime = a.lastModifiedTime().toMillis();
                    Known k = known.get(id);
                    if (k != null && k.size() == size && k.mtime() == mtime) {
                        unchanged++;
                    } else {
                        String hash = ContentHash.of(file);
                        if (k != null && k.hash().equals(hash)) {
                            unchanged++;
                        } else {
                            todo.add(new Todo(id, file, hash, size, mtime, k != null));
                        }
                    }
                    if ((i & 255) == 255 || i == ids.size() - 1) {
                        progress.update("checking images", i + 1, ids.size());
                    }
                }
                String lastRoot = lastImagesRoot(dir);
                if (!todo.isEmpty() || removed > 0 || !root.toString().equals(lastRoot)) {
                    // Setting commit data forces a new commit; an unchanged gallery keeps its generation (and exact.vec).
                    writer.setLiveCommitData(Map.of(LuceneLayout.IMAGES_ROOT, root.toString()).entrySet());
                }
                int added = 0;
                int updated = 0;
                List<String> failed = new ArrayList<>();
                int sinceCommit = 0;
                for (int from = 0; from < todo.size(); from += options.batchSize()) {
                    List<Todo> batch = todo.subList(from, Math.min(todo.size(), from + options.batchSize()));
                    float[][] features = encodeBatch(encoder, batch, failed);
                    for (int i = 0; i < batch.size(); i++) {
                        if (features[i] == null) {
                            continue;
                        }
                        Todo t = batch.get(i);
                        Document doc = document(t, features[i], manifest.dim());
                        if (doc == null) {
                            failed.add(t.id() + ": its feature has zero or non-finite norm");
                            continue;
                        }
                        writer.updateDocument(new Term(LuceneLayout.ID, t.id()), doc);
                        if (t.update()) {
                            updated++;
                        } else {
                            added++;
                        }
                        sinceCommit++;
                    }
                    if (sinceCommit >= options.commitEvery()) {
                        writer.commit();
                        sinceCommit = 0;
                    }
                    progress.update("encoding images", Math.min(todo.size(), from + options.batchSize()), todo.size());
                }
                writer.commit();
                for (String f : failed) {
                    LOG.warning("not indexed: " + f);
                }
                int total = writer.getDocStats().numDocs;
                writer.close();
                GalleryIndex.refreshExactVectorsIfStale(indexDir, dir);
                return new SyncReport(added, updated, removed, unchanged, List.copyOf(failed), total);
            }
        }
    }

    /**
     * Creates an index from precomputed unit vectors (row-major {@code ids.size() × manifest.dim()}), without image
     * files: for benchmarks and for galleries encoded elsewhere. The folder must not hold an index yet. One Lucene
     * segment is kept (a RAM buffer sized to the data and a final merge), so the HNSW graph is one graph.
     */
    public static void importVectors(Path indexDir, IndexManifest manifest, List<String> ids, float[] unitMatrix,
                                     ProgressListener progress) throws IOException {
        int dim = manifest.dim();
        if ((long) ids.size() * dim != unitMatrix.length) {
            throw new IllegalArgumentException("matrix has " + unitMatrix.length + " floats, expected " + ids.size() + " x " + dim);
        }
        if (Files.exists(indexDir.resolve(IndexManifest.FILE))) {
            throw new IllegalArgumentException("an index already exists at " + indexDir + "; import needs an empty folder");
        }
        Files.createDirectories(indexDir);
        manifest.write(indexDir);
        try (Directory dir = FSDirectory.open(indexDir.resolve(LuceneLayout.DIR))) {
            double mb = Math.min(2047, 64 + 1.5 * 4.0 * unitMatrix.length / (1 << 20));
            IndexWriterConfig cfg = new IndexWriterConfig().setCodec(LuceneLayout.codec(manifest))
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE).setRAMBufferSizeMB(mb);
            try (IndexWriter writer = new IndexWriter(dir, cfg)) {
                for (int i = 0; i < ids.size(); i++) {
                    float[] v = java.util.Arrays.copyOfRange(unitMatrix, i * dim, (i + 1) * dim);
                    Document doc = new Document();
                    doc.add(new StringField(LuceneLayout.ID, ids.get(i), Field.Store.YES));
                    doc.add(new StoredField(LuceneLayout.HASH, ""));
                    doc.add(new StoredField(LuceneLayout.SIZE, 0L));
                    doc.add(new StoredField(LuceneLayout.MTIME, 0L));
                    doc.add(new StoredField(LuceneLayout.NORM, 1f));
                    doc.add(new KnnFloatVectorField(LuceneLayout.VECTOR, v, VectorSimilarityFunction.DOT_PRODUCT));
                    writer.addDocument(doc);
                    if ((i & 1023) == 1023 || i == ids.size() - 1) {
                        progress.update("building HNSW", i + 1, ids.size());
                    }
                }
                writer.forceMerge(1);
                writer.commit();
            }
            GalleryIndex.refreshExactVectorsIfStale(indexDir, dir);
        }
    }

    /** Encodes a batch; when it fails on an undecodable image, retries one by one so only that image is lost. */
    private static float[][] encodeBatch(GalleryImageEncoder encoder, List<Todo> batch, List<String> failed) throws IOException {
        List<Path> files = batch.stream().map(Todo::file).toList();
        float[][] out;
        try {
            out = encoder.encode(files);
        } catch (ImageDecodeException e) {
            out = new float[batch.size()][];
            for (int i = 0; i < batch.size(); i++) {
                try {
                    out[i] = encoder.encode(List.of(files.get(i)))[0];
                } catch (ImageDecodeException one) {
                    failed.add(batch.get(i).id() + ": " + one.getMessage());
                }
            }
            return out;
        }
        if (out.length != batch.size()) {
            throw new IllegalStateException("encoder returned " + out.length + " features for " + batch.size() + " images");
        }
        return out;
    }

    private static Document document(Todo t, float[] raw, int dim) {
        if (raw.length != dim) {
            throw new IllegalStateException("encoder returned a feature of length " + raw.length + " for " + t.id()
                    + ", the index dim is " + dim);
        }
        double ss = 0;
        for (float v : raw) {
            ss += (double) v * v;
        }
        double norm = Math.sqrt(ss);
        if (!(norm > 0) || Double.isInfinite(norm)) {
            return null;
        }
        float[] unit = new float[dim];
        for (int j = 0; j < dim; j++) {
            unit[j] = (float) (raw[j] / norm);
        }
        Document doc = new Document();
        doc.add(new StringField(LuceneLayout.ID, t.id(), Field.Store.YES));
        doc.add(new StoredField(LuceneLayout.HASH, t.hash()));
        doc.add(new StoredField(LuceneLayout.SIZE, t.size()));
        doc.add(new StoredField(LuceneLayout.MTIME, t.mtime()));
        doc.add(new StoredField(LuceneLayout.NORM, (float) norm));
        int slash = -1;
        while ((slash = t.id().indexOf('/', slash + 1)) > 0) {
            doc.add(new StringField(LuceneLayout.FOLDER, t.id().substring(0, slash), Field.Store.NO));
        }
        doc.add(new KnnFloatVectorField(LuceneLayout.VECTOR, unit, VectorSimilarityFunction.DOT_PRODUCT));
        return doc;
    }

    private static String lastImagesRoot(Directory dir) throws IOException {
        if (!DirectoryReader.indexExists(dir)) {
            return null;
        }
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
            return reader.getIndexCommit().getUserData().get(LuceneLayout.IMAGES_ROOT);
        }
    }

    private static Map<String, Known> readKnown(Directory dir) throws IOException {
        Map<String, Known> known = new HashMap<>();
        if (!DirectoryReader.indexExists(dir)) {
            return known;
        }
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                Bits live = leaf.reader().getLiveDocs();
                StoredFields stored = leaf.reader().storedFields();
                for (int d = 0; d < leaf.reader().maxDoc(); d++) {
                    if (live != null && !live.get(d)) {
                        continue;
                    }
                    Document doc = stored.document(d);
                    known.put(doc.get(LuceneLayout.ID), new Known(doc.get(LuceneLayout.HASH),
                            doc.getField(LuceneLayout.SIZE).numericValue().longValue(),
                            doc.getField(LuceneLayout.MTIME).numericValue().longValue()));
                }
            }
        }
        return known;
    }
}
