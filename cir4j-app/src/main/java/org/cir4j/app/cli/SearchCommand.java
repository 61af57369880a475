package org.cir4j.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cir4j.app.search.BenchmarkQueries;
import org.cir4j.app.search.MethodCatalog;
import org.cir4j.app.search.ModelBundle;
import org.cir4j.app.search.QueryService;
import org.cir4j.image.ImageDecoder;
import org.cir4j.index.gallery.GalleryIndex;
import org.cir4j.index.gallery.SearchMode;
import org.cir4j.methods.ComposerRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cir4j search}: one composed query against an index, ranked paths and scores on stdout. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Search an index with a reference image and a modification text; prints rank, score and path.")
public final class SearchCommand implements Callable<Integer>, CliSubcommand {

    @Option(names = "--index", required = true, description = "Index folder (from `cir4j index`).")
    Path index;

    @Option(names = "--image", required = true,
            description = "Reference image: a gallery id (path relative to the indexed folder) or any image file.")
    String image;

    @Option(names = "--text", required = true, description = "How the wanted image differs from the reference.")
    String text;

    @Option(names = "--method", description = "Query composer (default: sum when available). See --list-methods.")
    String method;

    @Option(names = {"-k", "--top"}, defaultValue = "10", description = "Results. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--model", description = "CLIP model directory (default: the one the index was built with).")
    Path model;

    @Option(names = "--methods", description = "Folder of trained method checkpoints (default: models/methods of the checkout).")
    List<Path> methodDirs;

    @Option(names = "--hnsw", description = "Approximate search through the HNSW graph (default: exact).")
    boolean hnsw;

    @Option(names = "--folder", description = "Only images under this folder of the gallery (e.g. shapes).")
    String folder;

    @Option(names = "--keep-reference", description = "Keep a gallery reference in its own ranking (removed by default, as in CIRR).")
    boolean keepReference;

    @Override
    public Integer call() throws Exception {
        try (GalleryIndex gi = GalleryIndex.open(index);
             ModelBundle bundle = ModelBundle.load(model != null ? model : Path.of(gi.manifest().modelPath()),
                     ModelBundle.preprocessOf(gi.manifest().preprocessing()), new ImageDecoder())) {
            MethodCatalog catalog = MethodCatalog.discover(ComposerRegistry.load(),
                    methodDirs != null ? methodDirs : List.of(Cir4jHome.methodsDir()));
            try (QueryService service = new QueryService(gi, bundle, catalog, BenchmarkQueries.read(index))) {
                QueryService.Reference ref = reference(gi, bundle);
                QueryService.Result r = service.search(new QueryService.Request(ref, text, method, k,
                        hnsw ? SearchMode.HNSW : SearchMode.EXACT, folder, !keepReference));
                System.out.printf("# method %s, compose %.1f ms, search %.1f ms%n", r.method(), r.composeMillis(), r.searchMillis());
                for (QueryService.Hit h : r.hits()) {
                    Path p = gi.imagesRoot() == null ? Path.of(h.id()) : gi.imagesRoot().resolve(h.id());
                    System.out.printf("%3d  %.4f  %s%s%n", h.rank(), h.score(), p, h.target() ? "  [ground truth]" : "");
                }
            }
        }
        return 0;
    }

    private QueryService.Reference reference(GalleryIndex gi, ModelBundle bundle) throws java.io.IOException {
        if (gi.rowOf(image) >= 0) {
            return QueryService.Reference.gallery(image);
        }
        Path file = Path.of(image).toAbsolutePath().normalize();
        if (gi.imagesRoot() != null && file.startsWith(gi.imagesRoot())) {
            String id = gi.imagesRoot().relativize(file).toString().replace('\\', '/');
            if (gi.rowOf(id) >= 0) {
                return QueryService.Reference.gallery(id);
            }
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--image " + image + " is neither a gallery id of " + index + " nor an image file");
        }
        return QueryService.Reference.upload(new ImageDecoder().decode(file), file);
    }
}
