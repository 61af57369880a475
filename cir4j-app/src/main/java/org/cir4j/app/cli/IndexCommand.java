package org.cir4j.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cir4j.app.search.ModelBundle;
import org.cir4j.image.ImageDecoder;
import org.cir4j.index.gallery.GalleryIndexWriter;
import org.cir4j.index.gallery.IndexManifest;
import org.cir4j.index.gallery.IndexOptions;
import org.cir4j.index.gallery.SyncReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cir4j index}: build or update a gallery index from a folder of images. */
@Command(name = "index", mixinStandardHelpOptions = true,
        description = {"Index a folder of images (recursively) for search: CLIP image features in a Lucene HNSW index plus the "
                + "exact vectors.",
                "Re-running updates the index: new images are added, changed ones (content hash) re-encoded, deleted ones "
                        + "removed. Commits every --commit-every images, so an interrupted run leaves a usable index and the "
                        + "next run continues where it stopped."})
public final class IndexCommand implements Callable<Integer>, CliSubcommand {

    @Option(names = "--model", required = true, description = "CLIP model directory (HF CLIPModel or open_clip layout).")
    Path model;

    @Option(names = "--images", required = true, description = "Folder of images (searched recursively).")
    Path images;

    @Option(names = "--out", required = true, description = "Index folder (created, or updated when it exists).")
    Path out;

    @Option(names = "--int8", description = "Store the HNSW vectors scalar-quantized to int8 (Lucene99HnswScalarQuantizedVectorsFormat).")
    boolean int8;

    @Option(names = "--hnsw-m", defaultValue = "16", description = "HNSW max connections. Default: ${DEFAULT-VALUE}.")
    int m;

    @Option(names = "--hnsw-beam", defaultValue = "100", description = "HNSW construction beam width. Default: ${DEFAULT-VALUE}.")
    int beam;

    @Option(names = "--batch-size", defaultValue = "32", description = "Images per forward pass. Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--commit-every", defaultValue = "256", description = "Images between commits. Default: ${DEFAULT-VALUE}.")
    int commitEvery;

    @Option(names = "--preprocess", defaultValue = "clip",
            description = "Image preprocessing: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    ModelBundle.Preprocess preprocess;

    @Override
    public Integer call() throws Exception {
        IndexOptions options = new IndexOptions(int8 ? IndexManifest.Quantization.INT8 : IndexManifest.Quantization.NONE,
                m, beam, batchSize, commitEvery);
        long t0 = System.nanoTime();
        SyncReport report;
        try (ModelBundle bundle = ModelBundle.load(model, preprocess, new ImageDecoder());
             StageProgress progress = new StageProgress()) {
            report = GalleryIndexWriter.sync(out, images, bundle.encoder(), options, bundle.dir().toString(), progress::update);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("index %s: %s in %.1f s%n", out.toAbsolutePath(), report, s);
        for (String f : report.failed()) {
            System.out.println("  not indexed: " + f);
        }
        return report.failed().isEmpty() ? 0 : 1;
    }
}
