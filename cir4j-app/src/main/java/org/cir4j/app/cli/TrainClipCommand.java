package org.cir4j.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.cir4j.model.ClipConfig;
import org.cir4j.text.WordLevelTokenizer;
import org.cir4j.train.clip.ClipPretrainer;
import org.cir4j.train.clip.ConfusableGroups;
import org.cir4j.train.clip.MiniClipConfigs;
import org.cir4j.train.clip.MiniClipVocabulary;
import org.cir4j.train.clip.PretrainOptions;
import org.cir4j.train.clip.PretrainPairs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cir4j train clip}: pretrain the mini-CLIP on a generated world. */
@Command(name = "clip", mixinStandardHelpOptions = true,
        description = "Pretrain the mini-CLIP (ViT + causal text tower, CLIP's contrastive loss) on a world's "
                + "image-caption pairs; writes a Hugging Face CLIPModel directory with its word-level tokenizer.")
public final class TrainClipCommand implements Callable<Integer>, CliSubcommand {

    @Option(names = "--world", required = true, description = "World directory (from `cir4j world generate`).")
    Path world;

    @Option(names = "--out", required = true, description = "Model directory to write (checkpoints under OUT/checkpoints).")
    Path out;

    @Option(names = "--config", defaultValue = "small", description = "Architecture: tiny, small or base. Default: ${DEFAULT-VALUE}.")
    String config;

    @Option(names = "--steps", defaultValue = "3000", description = "Optimizer steps. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--batch", defaultValue = "128", description = "Pairs per step. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--lr", description = "Peak learning rate. Default: 1e-3.")
    Float lr;

    @Option(names = "--warmup", description = "Warm-up steps. Default: 5%% of the steps, at most 500.")
    Integer warmup;

    @Option(names = "--hard-negatives", defaultValue = "0",
            description = "Share of every batch drawn from one confusable group (same background and main colour), "
                    + "so colour and background cannot tell those pairs apart; 0 is CLIP's uniform sampling. "
                    + "A deviation from CLIP, see docs/mini-clip.md. Default: ${DEFAULT-VALUE}.")
    float hardNegatives;

    @Option(names = "--held-out", defaultValue = "1000",
            description = "Pretrain records per domain kept out of training for `cir4j eval clip`. Default: ${DEFAULT-VALUE}.")
    int heldOut;

    @Option(names = "--checkpoint-every", defaultValue = "250", description = "Steps between checkpoints. Default: ${DEFAULT-VALUE}.")
    int checkpointEvery;

    @Option(names = "--stop-after", description = "Stop (with a checkpoint) after this many steps in total; "
            + "continue later with --resume. Default: --steps.")
    Integer stopAfter;

    @Option(names = "--resume", description = "Continue the run whose checkpoints are in OUT.")
    boolean resume;

    @Option(names = "--seed", defaultValue = "0", description = "Seed (initialisation, data order, captions). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", description = "Threads for image preprocessing and PyTorch. Default: all cores.")
    Integer threads;

    @Override
    public String parent() {
        return "train";
    }

    @Override
    public Integer call() throws Exception {
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threads != null) {
            // Read by DJL's PyTorch engine when it starts, which happens below (first NDManager).
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
        }
        PretrainOptions defaults = PretrainOptions.defaults(config, steps, batch, seed);
        PretrainOptions options = defaults.withHeldOut(heldOut).withCheckpointEvery(checkpointEvery)
                .withLearningRate(lr == null ? defaults.learningRate() : lr,
                        warmup == null ? defaults.warmupSteps() : warmup)
                .withHardNegativeFraction(hardNegatives);
        WordLevelTokenizer tokenizer = MiniClipVocabulary.fromWorld(world);
        ClipConfig clipConfig = MiniClipConfigs.named(config, tokenizer);
        long t0 = System.nanoTime();
        PretrainPairs pairs;
        try (StageProgress progress = new StageProgress()) {
            int total = countPairs();
            pairs = PretrainPairs.training(world, heldOut, clipConfig.vision().imageSize(), n,
                    done -> progress.update("images", done, total));
        }
        System.err.printf(Locale.ROOT, "%d training pairs preprocessed at %d px in %.1f s%n", pairs.size(),
                pairs.imageSize(), (System.nanoTime() - t0) / 1e9);
        ObjectNode provenance = new ObjectMapper().createObjectNode();
        provenance.put("world", world.toAbsolutePath().normalize().toString());
        provenance.put("command", "cir4j train clip --world " + world + " --out " + out + " --config " + config
                + " --steps " + steps + " --batch " + batch + (lr == null ? "" : " --lr " + lr)
                + (warmup == null ? "" : " --warmup " + warmup) + " --held-out " + heldOut + " --seed " + seed
                + (hardNegatives == 0 ? "" : " --hard-negatives " + hardNegatives)
                + (stopAfter == null ? "" : " --stop-after " + stopAfter) + (resume ? " --resume" : ""));
        int[] groups = hardNegatives > 0 ? ConfusableGroups.of(world, pairs) : null;
        ClipPretrainer trainer = new ClipPretrainer(clipConfig, options, tokenizer, pairs, groups, out, provenance);
        ClipPretrainer.Result result;
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("train clip").setInitialMax(steps)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUpdateIntervalMillis(1000).build()) {
            result = trainer.run(resume, s -> {
                bar.stepTo(s.step());
                bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f τ %.4f%s", s.loss(), s.temperature(),
                        s.skippedSoFar() > 0 ? " skipped " + s.skippedSoFar() : ""));
            }, stopAfter == null ? steps : stopAfter);
        }
        System.out.printf(Locale.ROOT, "mini-CLIP (%s) trained %d steps in %.1f min: loss %.3f -> %.3f, %d skipped; "
                        + "model in %s%n", config, result.steps(), result.trainSeconds() / 60, result.firstLoss(),
                result.finalLoss(), result.skippedSteps(), out.toAbsolutePath());
        return 0;
    }

    private int countPairs() throws java.io.IOException {
        int total = 0;
        for (var d : PretrainPairs.domainsIn(world)) {
            try (var lines = java.nio.file.Files.lines(world.resolve(d.id()).resolve("pretrain.jsonl"))) {
                total += (int) lines.filter(l -> !l.isBlank()).count() - heldOut;
            }
        }
        return total;
    }
}
