package org.cir4j.app.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cir4j.app.demo.DemoWorkspace;
import org.cir4j.app.search.BenchmarkQueries;
import org.cir4j.app.search.MethodCatalog;
import org.cir4j.app.search.ModelBundle;
import org.cir4j.app.search.QueryService;
import org.cir4j.app.server.CirServer;
import org.cir4j.app.server.ServerOptions;
import org.cir4j.image.ImageDecoder;
import org.cir4j.index.gallery.GalleryIndex;
import org.cir4j.index.gallery.SearchMode;
import org.cir4j.methods.ComposerRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cir4j demo}: the embedded default end to end — world, bundled mini-CLIP, index, web page. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The embedded default, end to end: generates a demo-size synthetic world (shapes and garments), "
                + "indexes its test galleries with the bundled mini-CLIP, loads every method (registered baselines and "
                + "trained checkpoints under models/methods), and serves the web page.",
                "Everything is cached under --dir: the first run takes minutes, later ones start in seconds."})
public final class DemoCommand implements Callable<Integer>, CliSubcommand {

    @Option(names = "--no-serve", description = "Print a few composed queries and their results instead of serving.")
    boolean noServe;

    @Option(names = "--port", defaultValue = "7070", description = "Port of the web page (0: any free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--dir", description = "Cache folder. Default: ~/.cache/cir4j/demo.")
    Path dir;

    @Option(names = "--model", description = "CLIP model directory. Default: models/mini-clip of the checkout.")
    Path model;

    @Option(names = "--methods", description = "Folder(s) of trained method checkpoints. Default: models/methods of the checkout.")
    List<Path> methodDirs;

    @Option(names = "--gallery-size", defaultValue = "1000", description = "Test gallery images per domain. Default: ${DEFAULT-VALUE}.")
    int gallerySize;

    @Option(names = "--queries", defaultValue = "100", description = "Test queries per domain. Default: ${DEFAULT-VALUE}.")
    int queries;

    @Option(names = "--seed", defaultValue = "0", description = "World seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--examples", defaultValue = "2", description = "With --no-serve: queries shown per domain. Default: ${DEFAULT-VALUE}.")
    int examples;

    @Option(names = "-k", defaultValue = "5", description = "With --no-serve: results shown per query. Default: ${DEFAULT-VALUE}.")
    int k;

    @Override
    public Integer call() throws Exception {
        Path cache = dir != null ? dir : Path.of(System.getProperty("user.home"), ".cache", "cir4j", "demo");
        Path modelDir = model != null ? model : Cir4jHome.bundledModel();
        if (!Files.isDirectory(modelDir)) {
            throw new IllegalArgumentException("the bundled mini-CLIP is missing: " + modelDir + " does not exist (it is "
                    + "trained with `cir4j train clip` and shipped in models/mini-clip); pass --model DIR to use another "
                    + "CLIP");
        }
        long t0 = System.nanoTime();
        PrintStream out = System.out;
        // Square pad: how the mini-CLIP was trained and how `cir4j eval` encodes the world by default.
        try (ModelBundle bundle = ModelBundle.load(modelDir, ModelBundle.Preprocess.square_pad, new ImageDecoder())) {
            DemoWorkspace.Prepared prep;
            try (StageProgress progress = new StageProgress()) {
                prep = DemoWorkspace.prepare(cache, new DemoWorkspace.Size(gallerySize, queries, seed), bundle, progress::update);
            }
            out.printf("cir4j demo: %d gallery images (%s), %d benchmark queries, model %s; ready in %.1f s%n",
                    prep.sync().total(), prep.sync(), prep.queries(), bundle.dir(), (System.nanoTime() - t0) / 1e9);
            MethodCatalog catalog = MethodCatalog.discover(ComposerRegistry.load(),
                    methodDirs != null ? methodDirs : List.of(Cir4jHome.methodsDir()));
            out.println("methods: " + String.join(", ", catalog.methods().keySet()));
            catalog.skipped().forEach(s -> out.println("  skipped: " + s));
            try (GalleryIndex gi = GalleryIndex.open(prep.index());
                 QueryService service = new QueryService(gi, bundle, catalog, BenchmarkQueries.read(prep.index()))) {
                service.warmUp().forEach((m, why) -> out.println("  not loaded: " + m + ": " + why));
                if (noServe) {
                    printExamples(service, out);
                    return 0;
                }
                try (CirServer server = CirServer.start(service, ServerOptions.defaults(port))) {
                    out.println("cir4j demo: open " + server.url() + "  (Ctrl-C stops)");
                    out.flush();
                    server.awaitShutdown();
                }
            }
        }
        return 0;
    }

    /** A few test queries per domain, each method's top results, ground truth marked with '*'. */
    private void printExamples(QueryService service, PrintStream out) throws java.io.IOException {
        List<BenchmarkQueries.Query> shown = new ArrayList<>();
        java.util.Map<String, Integer> perGroup = new java.util.HashMap<>();
        for (BenchmarkQueries.Query q : service.benchmark().all()) {
            if (perGroup.merge(q.group(), 1, Integer::sum) <= examples) {
                shown.add(q);
            }
        }
        for (BenchmarkQueries.Query q : shown) {
            out.println();
            out.println("reference " + q.reference() + "  +  \"" + q.caption() + "\"   (ground truth: " + q.targets() + ")");
            for (String method : service.availableMethods().stream().map(MethodCatalog.Method::name).toList()) {
                QueryService.Result r = service.search(new QueryService.Request(QueryService.Reference.gallery(q.reference()),
                        q.caption(), method, k, SearchMode.EXACT, q.group(), true));
                StringBuilder b = new StringBuilder(String.format("  %-14s", method));
                for (QueryService.Hit h : r.hits()) {
                    b.append(String.format("  %s%s %.3f", h.target() ? "*" : "", shortId(h.id()), h.score()));
                }
                out.println(b);
            }
        }
        out.println();
        out.println("(* = ground truth; scores are cosine similarities; search within the reference's domain, reference excluded)");
    }

    private static String shortId(String id) {
        int slash = id.lastIndexOf('/');
        String name = slash < 0 ? id : id.substring(slash + 1);
        return name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
    }
}
