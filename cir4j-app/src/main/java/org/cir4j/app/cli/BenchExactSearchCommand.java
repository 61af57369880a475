package org.cir4j.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.cir4j.index.ExactSearch;
import org.cir4j.index.GalleryFeatures;
import org.cir4j.index.SearchHits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cir4j bench exact-search}: exact top-K search time over a synthetic gallery of random unit vectors (the time does
 * not depend on the values), for each {@link ExactSearch.Backend}; checks that the backends return the same rows.
 */
@Command(name = "exact-search", mixinStandardHelpOptions = true,
        description = "Time exact top-K search (ExactSearch backends) on random unit vectors; prints a Markdown table.")
public final class BenchExactSearchCommand implements Callable<Integer>, CliSubcommand {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--gallery", defaultValue = "100000", description = "Gallery vectors. Default: ${DEFAULT-VALUE}.")
    int gallery;

    @Option(names = "--dim", defaultValue = "512", description = "Vector dimension. Default: ${DEFAULT-VALUE} (ViT-B/32).")
    int dim;

    @Option(names = "--queries", defaultValue = "1000", description = "Queries per timed run. Default: ${DEFAULT-VALUE}.")
    int queries;

    @Option(names = "--k", defaultValue = "50", description = "Results per query. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--repeats", defaultValue = "3", description = "Timed runs per backend (after one warm-up); the best is reported. Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--backend", description = "Backends to time (repeatable). Default: all.")
    List<ExactSearch.Backend> backends = new ArrayList<>();

    @Option(names = "--seed", defaultValue = "0", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public String parent() {
        return "bench";
    }

    @Override
    public Integer call() {
        if (gallery <= 0 || dim <= 0 || queries <= 0 || k <= 0 || repeats <= 0) {
            throw new IllegalArgumentException("--gallery, --dim, --queries, --k and --repeats must be positive");
        }
        List<ExactSearch.Backend> which = backends.isEmpty() ? List.of(ExactSearch.Backend.values()) : backends;
        Random rnd = new Random(seed);
        float[] matrix = new float[Math.multiplyExact(gallery, dim)];
        for (int i = 0; i < gallery; i++) {
            unit(rnd, matrix, i * dim, dim);
        }
        List<String> names = new ArrayList<>(gallery);
        for (int i = 0; i < gallery; i++) {
            names.add(Integer.toString(i));
        }
        GalleryFeatures g = GalleryFeatures.ofMatrix(names, matrix, dim);
        float[][] q = new float[queries][dim];
        for (float[] row : q) {
            unit(rnd, row, 0, dim);
        }
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "gallery %d x %d, %d queries, k = %d, best of %d after a warm-up%n%n", gallery, dim, queries, k, repeats);
        out.println("| backend | seconds | queries/s | gallery rows scored/s |");
        out.println("|---|---:|---:|---:|");
        SearchHits reference = null;
        for (ExactSearch.Backend b : which) {
            try (ExactSearch search = ExactSearch.create(g, b)) {
                SearchHits hits = search.search(q, k);
                long best = Long.MAX_VALUE;
                for (int r = 0; r < repeats; r++) {
                    long t0 = System.nanoTime();
                    hits = search.search(q, k);
                    best = Math.min(best, System.nanoTime() - t0);
                }
                double s = best / 1e9;
                out.printf(Locale.ROOT, "| %s | %.3f | %.0f | %.3g |%n", b, s, queries / s, (double) queries * gallery / s);
                out.flush();
                if (reference == null) {
                    reference = hits;
                } else {
                    checkSameTop1(reference, hits, b);
                }
            }
        }
        out.flush();
        return 0;
    }

    /** Backends must agree (top-1 rows; deeper ranks may differ only at exact score ties, which random floats do not produce). */
    private static void checkSameTop1(SearchHits a, SearchHits b, ExactSearch.Backend backend) {
        for (int i = 0; i < a.queryCount(); i++) {
            if (a.indices()[i][0] != b.indices()[i][0]) {
                throw new IllegalStateException("backend " + backend + " disagrees on query " + i + ": top row " + b.indices()[i][0]
                        + " vs " + a.indices()[i][0]);
            }
        }
    }

    private static void unit(Random rnd, float[] into, int off, int dim) {
        double ss = 0;
        for (int j = 0; j < dim; j++) {
            float v = (float) rnd.nextGaussian();
            into[off + j] = v;
            ss += (double) v * v;
        }
        float inv = (float) (1 / Math.sqrt(ss));
        for (int j = 0; j < dim; j++) {
            into[off + j] *= inv;
        }
    }
}
