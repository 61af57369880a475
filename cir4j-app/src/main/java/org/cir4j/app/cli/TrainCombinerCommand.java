package org.cir4j.app.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cir4j.eval.EvalReport;
import org.cir4j.eval.Evaluator;
import org.cir4j.methods.clip4cir.Clip4CirTask;
import org.cir4j.methods.clip4cir.CombinerConfig;
import org.cir4j.methods.clip4cir.CombinerRun;
import org.cir4j.methods.clip4cir.CombinerTrainer;
import org.cir4j.methods.clip4cir.CombinerVariant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cir4j train combiner}: CLIP4Cir stage 2. */
@Command(name = "combiner", mixinStandardHelpOptions = true,
        description = {"CLIP4Cir stage 2: train a Combiner on frozen (optionally stage-1 fine-tuned) CLIP features.",
                "Writes a checkpoint directory for '--method combiner --checkpoint OUT'."})
public final class TrainCombinerCommand implements Callable<Integer>, CliSubcommand {

    @Option(names = "--dataset", required = true, description = "cirr or fashioniq (layout of --root).")
    String dataset;

    @Option(names = "--root", required = true, description = "Dataset root (e.g. WORLD/shapes/cirr or WORLD/garments/fashioniq).")
    Path root;

    @Option(names = "--model", required = true, description = "CLIP directory (base, or the output of 'train finetune').")
    Path model;

    @Option(names = "--out", required = true, description = "Checkpoint directory to write.")
    Path out;

    @Option(names = "--variant", defaultValue = "full", description = "full, convex, without-convex, static-skip or sum. Default: ${DEFAULT-VALUE}.")
    String variant;

    @Option(names = "--epochs", defaultValue = "300", description = "Maximum epochs. Default: ${DEFAULT-VALUE} (reference).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "1024", description = "Default: ${DEFAULT-VALUE} (reference code; paper 4096).")
    int batchSize;

    @Option(names = "--lr", defaultValue = "2e-5", description = "Adam learning rate. Default: ${DEFAULT-VALUE}.")
    float lr;

    @Option(names = "--projection-dim", description = "P (default 4d).")
    Integer projectionDim;

    @Option(names = "--hidden-dim", description = "H (default 8d).")
    Integer hiddenDim;

    @Option(names = "--seed", defaultValue = "0", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--val-split", defaultValue = "val", description = "Split to validate on ('none': no validation, keep the last epoch). Default: ${DEFAULT-VALUE}.")
    String valSplit;

    @Option(names = "--validate-every", defaultValue = "1", description = "Validate every N epochs. Default: ${DEFAULT-VALUE}.")
    int validateEvery;

    @Option(names = "--patience", defaultValue = "10", description = "Early stopping: validations without improvement (0: off). Default: ${DEFAULT-VALUE}.")
    int patience;

    @Option(names = "--max-bad-steps", defaultValue = "10", description = "Fail after this many non-finite losses. Default: ${DEFAULT-VALUE}.")
    int maxBadSteps;

    @Option(names = "--eval-split", description = "After training, score the best checkpoint on this split (e.g. test) and write eval-SPLIT.md/json.")
    String evalSplit;

    @Option(names = "--preprocess", defaultValue = "target-pad", description = "target-pad (CLIP4Cir), clip or square-pad. Default: ${DEFAULT-VALUE}.")
    String preprocess;

    @Option(names = "--target-ratio", defaultValue = "1.25", description = "Target-pad ratio. Default: ${DEFAULT-VALUE}.")
    double targetRatio;

    @Option(names = "--reference-exclusion", defaultValue = "DATASET_DEFAULT",
            description = "DATASET_DEFAULT (published protocols), ALWAYS or NEVER. Default: ${DEFAULT-VALUE}.")
    Evaluator.ReferenceExclusion exclusion;

    @Option(names = "--cache", description = "Feature cache directory (default OUT/cache).")
    Path cache;

    @Option(names = "--encode-batch", defaultValue = "64", description = "Images per CLIP forward pass when caching. Default: ${DEFAULT-VALUE}.")
    int encodeBatch;

    @Option(names = "--resume", description = "Continue from OUT/train/latest.")
    boolean resume;

    @Override
    public String parent() {
        return "train";
    }

    @Override
    public Integer call() throws Exception {
        CombinerVariant v = CombinerVariant.fromId(variant);
        int d = embedDim(model);
        CombinerConfig ref = CombinerConfig.reference(v, d);
        CombinerConfig cfg = new CombinerConfig(v, d, projectionDim == null ? ref.projectionDim() : projectionDim,
                hiddenDim == null ? ref.hiddenDim() : hiddenDim, ref.dropout(), ref.logitScale());
        CombinerTrainer.Options opts = new CombinerTrainer.Options(epochs, batchSize, lr, seed, validateEvery, patience,
                maxBadSteps, 2);
        String val = "none".equalsIgnoreCase(valSplit) ? null : valSplit;
        CombinerRun.Settings s = new CombinerRun.Settings(Clip4CirTask.fromId(dataset), root, model, out, cfg, opts,
                preprocess, targetRatio, val, evalSplit, cache == null ? out.resolve("cache") : cache, resume, encodeBatch,
                exclusion);
        long t0 = System.nanoTime();
        CombinerRun.Summary sum;
        try (StageProgress progress = new StageProgress()) {
            sum = CombinerRun.run(s, progress::update);
        }
        if (sum.training() != null) {
            System.out.printf(Locale.ROOT, "combiner (%s): %d epochs, %d steps, best validation score %.2f at epoch %d%s; %d skipped steps%n",
                    v.id(), sum.training().epochs(), sum.training().steps(), sum.training().bestScore(), sum.training().bestEpoch(),
                    sum.training().stoppedEarly() ? " (early stop)" : "", sum.training().skippedSteps());
        }
        EvalReport test = sum.test();
        if (test != null) {
            System.out.println(test.toMarkdown());
        }
        System.out.printf(Locale.ROOT, "checkpoint written to %s in %.1f s%n", out.toAbsolutePath(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    /** The CLIP's embedding size (loads the model once; CLIP checkpoints here are small). */
    static int embedDim(Path model) throws java.io.IOException {
        try (var m = org.cir4j.model.ClipCheckpoints.load(model)) {
            return m.config().embedDim();
        }
    }
}
