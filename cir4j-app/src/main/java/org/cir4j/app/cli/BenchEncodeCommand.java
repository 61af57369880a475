package org.cir4j.app.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cir4j.app.bench.EncodeBenchmark;
import org.cir4j.model.ClipCheckpoints;
import org.cir4j.model.ClipModel;
import org.cir4j.model.TorchRuntime;
import org.cir4j.util.AtomicFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cir4j bench encode}: images/s and texts/s next to the FLOP limit (a benchmark, not a test). */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = {"Images/s and texts/s of the CLIP towers vs the FLOP limit.",
                "Inference throughput of the CLIP towers: images/s per batch size, texts/s per batch size and "
                + "text length, each next to the FLOP limit (fp32 matmul GFLOP/s measured in the same run / analytic "
                + "GFLOP per input). Prints a Markdown table; scripts/bench/encode.sh adds the Python peer."})
public final class BenchEncodeCommand implements Callable<Integer>, CliSubcommand {

    /** Architectures that can be benchmarked without a checkpoint (random weights). */
    public enum ModelShape { vit_b_32 }

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", description = "Checkpoint to benchmark (default: a random-init --shape).")
    Path model;

    @Option(names = "--shape", defaultValue = "vit-b-32", converter = ShapeConverter.class,
            description = "Random-init architecture when no --model: vit-b-32. Default: ${DEFAULT-VALUE}.")
    ModelShape shape;

    @Option(names = "--batches", split = ",", defaultValue = "1,16,64", description = "Batch sizes. Default: ${DEFAULT-VALUE}.")
    List<Integer> batches;

    @Option(names = "--text-lengths", split = ",", defaultValue = "16,32,77",
            description = "Text lengths in tokens incl. start/end (real captions: 16-32; 77 = OpenAI's fixed context). "
                    + "Default: ${DEFAULT-VALUE}.")
    List<Integer> textLengths;

    @Option(names = "--images-only", description = "Skip the text tower.")
    boolean imagesOnly;

    @Option(names = "--threads", description = "PyTorch intra-op threads (default: the launcher's CIR4J_THREADS, else all cores).")
    Integer threads;

    @Option(names = "--seconds", defaultValue = "8", description = "Minimum timed seconds per measurement. Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed repetitions first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--min-reps", defaultValue = "3", description = "Minimum timed repetitions. Default: ${DEFAULT-VALUE}.")
    int minReps;

    @Option(names = "--json", description = "Also write the results as JSON to this file.")
    Path json;

    @Option(names = "--markdown", description = "Also write the Markdown table to this file.")
    Path markdown;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the random weights. Default: ${DEFAULT-VALUE}.")
    long seed;

    /** Accepts the shapes' display names ({@code vit-b-32}). */
    static final class ShapeConverter implements CommandLine.ITypeConverter<ModelShape> {
        @Override
        public ModelShape convert(String value) {
            for (ModelShape s : ModelShape.values()) {
                if (s.name().replace('_', '-').equalsIgnoreCase(value)) {
                    return s;
                }
            }
            throw new CommandLine.TypeConversionException("unknown shape '" + value + "' (known: vit-b-32)");
        }
    }

    @Override
    public Integer call() throws Exception {
        if (threads != null) {
            TorchRuntime.setIntraOpThreads(threads);
        }
        var out = spec.commandLine().getOut();
        try (NDManager base = NDManager.newBaseManager()) {
            String name;
            ClipModel clip;
            if (model != null) {
                clip = ClipCheckpoints.load(model, base);
                name = model.toString();
            } else {
                spec.commandLine().getErr().println("cir4j: initialising a random " + shape.name().replace('_', '-')
                        + " model (seed " + seed + ")...");
                clip = ClipModel.randomInit(EncodeBenchmark.vitB32(), seed, base);
                name = shape.name().replace('_', '-') + " (random weights, seed " + seed + ")";
            }
            EncodeBenchmark.Report report;
            try (clip; StageProgress progress = new StageProgress()) {
                EncodeBenchmark bench = new EncodeBenchmark(clip, name,
                        new EncodeBenchmark.Settings(batches, imagesOnly ? List.of() : textLengths, warmup, minReps, seconds));
                report = bench.run((what, done, total) -> progress.update("bench encode", done, total));
            }
            String md = EncodeBenchmark.toMarkdown(report);
            out.print(md);
            out.flush();
            if (markdown != null) {
                AtomicFiles.writeString(markdown, md);
            }
            if (json != null) {
                AtomicFiles.writeString(json, new ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValueAsString(EncodeBenchmark.toJson(report)) + "\n");
            }
        }
        return 0;
    }

    @Override
    public String parent() {
        return "bench";
    }
}
