package org.cir4j.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cir4j.app.search.BenchmarkQueries;
import org.cir4j.app.search.MethodCatalog;
import org.cir4j.app.search.ModelBundle;
import org.cir4j.app.search.QueryService;
import org.cir4j.app.server.CirServer;
import org.cir4j.app.server.ServerOptions;
import org.cir4j.image.ImageDecoder;
import org.cir4j.index.gallery.GalleryIndex;
import org.cir4j.methods.ComposerRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cir4j serve}: the HTTP API and web page over an index. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve an index over HTTP: JSON API (/openapi.json) and a web page for composed searches.")
public final class ServeCommand implements Callable<Integer>, CliSubcommand {

    @Option(names = "--index", required = true, description = "Index folder (from `cir4j index`).")
    Path index;

    @Option(names = "--model", description = "CLIP model directory (default: the one the index was built with).")
    Path model;

    @Option(names = "--methods", description = "Folder(s) of trained method checkpoints (default: models/methods of the checkout).")
    List<Path> methodDirs;

    @Option(names = "--port", defaultValue = "7070", description = "Port (0: any free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Interface to bind. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--max-upload-mb", defaultValue = "10", description = "Largest upload in MiB. Default: ${DEFAULT-VALUE}.")
    int maxUploadMb;

    @Option(names = "--max-pixels", defaultValue = "40000000", description = "Largest upload in pixels. Default: ${DEFAULT-VALUE}.")
    long maxPixels;

    @Option(names = "--timeout-ms", defaultValue = "15000", description = "Per-search timeout. Default: ${DEFAULT-VALUE}.")
    long timeoutMs;

    @Override
    public Integer call() throws Exception {
        ServerOptions opts = new ServerOptions(host, port, (long) maxUploadMb << 20, maxPixels, timeoutMs,
                Math.max(1, Runtime.getRuntime().availableProcessors()));
        try (GalleryIndex gi = GalleryIndex.open(index);
             ModelBundle bundle = ModelBundle.load(model != null ? model : Path.of(gi.manifest().modelPath()),
                     ModelBundle.preprocessOf(gi.manifest().preprocessing()), new ImageDecoder());
             QueryService service = new QueryService(gi, bundle, MethodCatalog.discover(ComposerRegistry.load(),
                     methodDirs != null ? methodDirs : List.of(Cir4jHome.methodsDir())), BenchmarkQueries.read(index));
             CirServer server = CirServer.start(service, opts)) {
            service.warmUp().forEach((m, why) -> System.out.println("cir4j: method " + m + " not loaded: " + why));
            System.out.println("cir4j: serving " + gi.size() + " images from " + index.toAbsolutePath() + " at " + server.url()
                    + "  (Ctrl-C stops)");
            System.out.flush();
            server.awaitShutdown();
        }
        return 0;
    }
}
