package org.cir4j.app.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cir4j.eval.Evaluator;
import org.cir4j.methods.clip4cir.Clip4CirTask;
import org.cir4j.methods.clip4cir.ClipFineTuner;
import org.cir4j.methods.clip4cir.FineTuneMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cir4j train finetune}: CLIP4Cir stage 1 (or the end-to-end variant). */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = {"CLIP4Cir stage 1: fine-tune CLIP's image and/or text encoder (element-wise-sum contrastive loss).",
                "OUT becomes a CLIP directory for 'train combiner --model OUT'.",
                "With --end-to-end, CLIP and a Combiner are trained together; OUT is then a combiner checkpoint (OUT/clip)."})
public final class TrainFinetuneCommand implements Callable<Integer>, CliSubcommand {

    @Option(names = "--dataset", required = true, description = "cirr or fashioniq (layout of --root).")
    String dataset;

    @Option(names = "--root", required = true, description = "Dataset root (e.g. WORLD/shapes/cirr or WORLD/garments/fashioniq).")
    Path root;

    @Option(names = "--model", required = true, description = "Base CLIP directory.")
    Path model;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--encoder", defaultValue = "both", description = "image (IFT), text (TFT) or both. Default: ${DEFAULT-VALUE}.")
    String encoder;

    @Option(names = "--end-to-end", description = "Train a Combiner together with CLIP (paper Tables 5-6) instead of the sum.")
    boolean endToEnd;

    @Option(names = "--epochs", defaultValue = "150", description = "Maximum epochs. Default: ${DEFAULT-VALUE} (paper).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "512", description = "Contrastive batch. Default: ${DEFAULT-VALUE} (paper, RN-50).")
    int batchSize;

    @Option(names = "--micro-batch", description = "Forward/backward this many triplets at a time with exact gradient caching (default: the batch size).")
    Integer microBatch;

    @Option(names = "--lr", defaultValue = "2e-6", description = "AdamW learning rate. Default: ${DEFAULT-VALUE}.")
    float lr;

    @Option(names = "--weight-decay", defaultValue = "0.01", description = "Default: ${DEFAULT-VALUE}.")
    float weightDecay;

    @Option(names = "--combiner-lr", defaultValue = "2e-5", description = "End-to-end only: the Combiner's Adam lr. Default: ${DEFAULT-VALUE}.")
    float combinerLr;

    @Option(names = "--seed", defaultValue = "0", description = "Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--val-split", defaultValue = "val", description = "Split to validate on ('none': keep the last epoch). Default: ${DEFAULT-VALUE}.")
    String valSplit;

    @Option(names = "--validate-every", defaultValue = "1", description = "Default: ${DEFAULT-VALUE}.")
    int validateEvery;

    @Option(names = "--patience", defaultValue = "10", description = "Early stopping: validations without improvement (0: off). Default: ${DEFAULT-VALUE}.")
    int patience;

    @Option(names = "--max-bad-steps", defaultValue = "10", description = "Fail after this many non-finite losses. Default: ${DEFAULT-VALUE}.")
    int maxBadSteps;

    @Option(names = "--preprocess", defaultValue = "target-pad", description = "target-pad, clip or square-pad. Default: ${DEFAULT-VALUE}.")
    String preprocess;

    @Option(names = "--target-ratio", defaultValue = "1.25", description = "Default: ${DEFAULT-VALUE}.")
    double targetRatio;

    @Option(names = "--reference-exclusion", defaultValue = "DATASET_DEFAULT", description = "DATASET_DEFAULT, ALWAYS or NEVER.")
    Evaluator.ReferenceExclusion exclusion;

    @Option(names = "--encode-batch", defaultValue = "64", description = "Images per forward pass when validating. Default: ${DEFAULT-VALUE}.")
    int encodeBatch;

    @Option(names = "--resume", description = "Continue from OUT/train/latest.")
    boolean resume;

    @Override
    public String parent() {
        return "train";
    }

    @Override
    public Integer call() throws Exception {
        ClipFineTuner.Options o = new ClipFineTuner.Options(FineTuneMode.fromId(encoder), endToEnd, epochs, batchSize,
                microBatch == null ? batchSize : microBatch, lr, weightDecay, combinerLr, seed, validateEvery, patience, maxBadSteps);
        String val = "none".equalsIgnoreCase(valSplit) ? null : valSplit;
        long t0 = System.nanoTime();
        ClipFineTuner.Result r;
        try (StageProgress progress = new StageProgress()) {
            r = ClipFineTuner.run(new ClipFineTuner.Settings(Clip4CirTask.fromId(dataset), root, model, out, o, preprocess,
                    targetRatio, val, resume, encodeBatch, exclusion), progress::update);
        }
        System.out.printf(Locale.ROOT, "%s (%s): %d epochs, %d steps, best validation score %.2f at epoch %d%s; %d skipped steps%n",
                endToEnd ? "end-to-end" : "fine-tuning", o.mode().id(), r.epochs(), r.steps(), r.bestScore(), r.bestEpoch(),
                r.stoppedEarly() ? " (early stop)" : "", r.skippedSteps());
        System.out.printf(Locale.ROOT, "fine-tuned CLIP in %s (%.1f s)%n", r.clipDir().toAbsolutePath(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
