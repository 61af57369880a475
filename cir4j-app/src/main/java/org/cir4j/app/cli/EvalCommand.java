package org.cir4j.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cir4j.data.MissingImagePolicy;
import org.cir4j.eval.BenchmarkSource;
import org.cir4j.eval.EvalRun;
import org.cir4j.eval.Evaluator;
import org.cir4j.eval.PreprocessMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cir4j eval …}: with {@code --dataset}, evaluates query composers on a benchmark ({@link EvalRun}); other
 * evaluation commands plug in below it through {@link CliSubcommand} with parent {@code eval}.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate query composers (methods) on FashionIQ, CIRR, CIRCO or the synthetic world (docs/RESULTS.md).",
                "Prints one comparison table per task and writes Markdown + JSON reports, similarity histograms (PNG) and",
                "submission files under --out. Without --dataset: lists the evaluation subcommands."},
        footer = {"", "Example:", "  cir4j eval --dataset world --root /work/worlds/full --model models/mini-clip \\",
                "      --method image-only --method text-only --method sum --out reports/baselines"})
public final class EvalCommand implements Callable<Integer>, CliSubcommand {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "fashioniq|cirr|circo|world",
            description = "Benchmark layout under --root. world: the synthetic world (shapes -> CIRR + CIRCO, garments -> FashionIQ + CIRCO).")
    String dataset;

    @Option(names = "--root", paramLabel = "DIR", description = "Dataset (or world) root folder.")
    Path root;

    @Option(names = "--model", paramLabel = "DIR",
            description = "CLIP checkpoint folder (HF or open_clip layout, tokenizer files beside it). Default: the bundled models/mini-clip.")
    Path model;

    @Option(names = "--method", paramLabel = "NAME", description = "Query composer (repeatable; see `cir4j methods`).")
    List<String> methods = new ArrayList<>();

    @Option(names = "--split", defaultValue = "val", paramLabel = "val|test", description = "Split. Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--domain", paramLabel = "NAME[/BENCHMARK][,...]",
            description = "World only: evaluate these domains (shapes, garments) or single benchmarks (shapes/cirr, "
                    + "garments/fashioniq, shapes/circo, garments/circo); comma-separated.")
    String domain;

    @Option(names = "--checkpoint", paramLabel = "[METHOD=]DIR",
            description = "Trained weights of the method(s) (Combiner, phi, ISA); METHOD= gives one method its own (repeatable).")
    List<String> checkpoints = new ArrayList<>();

    @Option(names = "--option", paramLabel = "[METHOD:]KEY=VALUE", description = "Method option (repeatable); METHOD: limits it to one method.")
    List<String> options = new ArrayList<>();

    @Option(names = "--out", defaultValue = "eval-out", paramLabel = "DIR", description = "Report folder. Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Gallery feature cache. Default: $CIR4J_CACHE/features, else ~/.cache/cir4j/features.")
    Path cache;

    @Option(names = "--preprocess", paramLabel = "clip|targetpad|squarepad",
            description = "Image preprocessing. Default: squarepad for the world (as the mini-CLIP is trained), clip otherwise.")
    String preprocess;

    @Option(names = {"--reference", "--reference-exclusion"}, paramLabel = "dataset|always|never",
            description = "Remove the reference image from its own ranking: dataset = the published protocol (CIRR only); "
                    + "always = the world's convention (default for --dataset world); never.")
    String reference;

    @Option(names = "--submission", description = "Also write test-server submission files where ground truth exists (always written where it does not).")
    boolean submission;

    @Option(names = "--no-histograms", description = "Skip the similarity histogram PNGs.")
    boolean noHistograms;

    @Option(names = "--skip-missing-images", description = "Drop queries whose images are missing (reported) instead of failing.")
    boolean skipMissing;

    @Option(names = "--batch", defaultValue = "64", description = "Queries per composer call and images per encoder pass. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--summary", description = "Print only the comparison tables (no per-file listing).")
    boolean summary;

    @Override
    public Integer call() throws Exception {
        if (dataset == null) {
            if (root != null || model != null || !methods.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "missing --dataset");
            }
            spec.commandLine().usage(spec.commandLine().getOut());
            return 0;
        }
        requireGiven(root, "--root");
        if (model == null) {
            Path bundled = Cir4jHome.bundledModel();
            if (!java.nio.file.Files.isDirectory(bundled)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "missing --model (and no bundled model at " + bundled + ")");
            }
            model = bundled;
        }
        if (methods.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "missing --method (see `cir4j methods`)");
        }
        BenchmarkSource source = BenchmarkSource.parse(dataset);
        EvalRun.Settings settings = new EvalRun.Settings(source, root, split, domain, model, methods, options, checkpoints, out,
                cache == null ? defaultCache() : cache, preprocess == null ? null : PreprocessMode.parse(preprocess), exclusion(reference),
                submission, !noHistograms, batch, batch, skipMissing ? MissingImagePolicy.SKIP_WITH_WARNING : MissingImagePolicy.FAIL);
        EvalRun.Outcome outcome;
        try (StageProgress progress = new StageProgress(System.err)) {
            outcome = EvalRun.run(settings, progress::update);
        }
        var w = spec.commandLine().getOut();
        w.print(outcome.summary());
        if (!summary) {
            w.println();
            w.println("reports: " + out.toAbsolutePath());
            w.println("summary: " + outcome.summaryMarkdown().toAbsolutePath());
        }
        w.flush();
        return 0;
    }

    private void requireGiven(Object value, String option) {
        if (value == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "missing " + option + " (required with --dataset)");
        }
    }

    private static Evaluator.ReferenceExclusion exclusion(String s) {
        if (s == null) {
            return null;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "dataset", "dataset_default" -> Evaluator.ReferenceExclusion.DATASET_DEFAULT;
            case "always" -> Evaluator.ReferenceExclusion.ALWAYS;
            case "never" -> Evaluator.ReferenceExclusion.NEVER;
            default -> throw new IllegalArgumentException("--reference must be dataset, always or never, got '" + s + "'");
        };
    }

    static Path defaultCache() {
        String env = System.getenv("CIR4J_CACHE");
        Path base = env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cache", "cir4j");
        return base.resolve("features");
    }
}
