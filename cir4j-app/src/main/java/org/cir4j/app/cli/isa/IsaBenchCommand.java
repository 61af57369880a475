package org.cir4j.app.cli.isa;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cir4j.app.cli.CliSubcommand;
import org.cir4j.app.cli.StageProgress;
import org.cir4j.methods.isa.IsaConfig;
import org.cir4j.methods.isa.IsaEfficiencyBench;
import org.cir4j.model.ClipCheckpoints;
import org.cir4j.model.ClipConfig;
import org.cir4j.model.ClipModel;
import org.cir4j.text.Tokenizers;
import org.cir4j.util.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cir4j bench isa}: ISA's efficiency table (params, FLOPs, batch-1 latency) for the mini-CLIP and a ViT-B/32 shape. */
@Command(name = "isa", mixinStandardHelpOptions = true,
        description = "ISA efficiency: query-side params, FLOPs and batch-1 latency of the light model vs the large image encoder.")
public final class IsaBenchCommand implements Callable<Integer>, CliSubcommand {

    @Option(names = "--model", description = "The mini-CLIP directory (its shape is measured; weights do not matter).")
    Path model;

    @Option(names = "--mini-shape", description = "Without --model: measure a random CLIP of the mini-CLIP 'base' shape "
            + "(96 px, patch 12, vision 160x6, text 128x4, d 128, context 64, vocabulary 1000).")
    boolean miniShape;

    @Option(names = "--no-b32", description = "Skip the ViT-B/32-shaped setting.")
    boolean noB32;

    @Option(names = "--tokens", defaultValue = "4", description = "M. Default: ${DEFAULT-VALUE}.")
    int tokens;

    @Option(names = "--width-multiplier", defaultValue = "1.0", description = "Light CNN α. Default: ${DEFAULT-VALUE}.")
    double alpha;

    @Option(names = "--prompt-length", defaultValue = "16", description = "Tokens of the composed prompt. Default: ${DEFAULT-VALUE}.")
    int promptLength;

    @Option(names = "--iterations", defaultValue = "30", description = "Timed runs per cell (median); 0 = parameters and FLOPs only. Default: ${DEFAULT-VALUE}.")
    int iterations;

    @Option(names = "--threads", defaultValue = "1,2", split = ",", description = "Intra-op thread counts. Default: ${DEFAULT-VALUE}.")
    int[] threads;

    @Option(names = "--out", description = "Write the Markdown table here (also printed).")
    Path out;

    @Override
    public String parent() {
        return "bench";
    }

    @Override
    public Integer call() throws Exception {
        if ((model == null) == !miniShape) {
            throw new IllegalArgumentException("give exactly one of --model DIR or --mini-shape");
        }
        IsaEfficiencyBench bench = new IsaEfficiencyBench(iterations, threads, (s, d, t) -> { });
        List<IsaEfficiencyBench.Row> rows = new ArrayList<>();
        Path scratch = Files.createTempDirectory("isa-bench");
        try (NDManager root = NDManager.newBaseManager(); StageProgress progress = new StageProgress()) {
            progress.update("isa bench: mini-CLIP", 0, noB32 ? 1 : 2);
            if (model != null) {
                int ph = Tokenizers.load(model).placeholderId();
                try (ClipModel clip = ClipCheckpoints.load(model, root)) {
                    rows.addAll(bench.measure("mini-CLIP (" + model.getFileName() + ")", clip, light(clip.config()), ph,
                            promptLength, scratch));
                }
            } else {
                ClipConfig mini = new ClipConfig(ClipConfig.FORMAT_VERSION, 128, ClipConfig.Activation.QUICK_GELU, 1e-5,
                        ClipConfig.DEFAULT_LOGIT_SCALE_INIT, ClipConfig.VisionConfig.vit(96, 12, 160, 6, 5),
                        new ClipConfig.TextConfig(1000, 64, 128, 4, 4, 512, 999, 998, 0));
                try (ClipModel clip = ClipModel.randomInit(mini, 0, root)) {
                    rows.addAll(bench.measure("mini-CLIP shape (random)", clip, light(mini), 3, promptLength, scratch));
                }
            }
            progress.update("isa bench: ViT-B/32 shape", 1, noB32 ? 1 : 2);
            if (!noB32) {
                try (ClipModel clip = ClipModel.randomInit(IsaEfficiencyBench.vitB32(), 0, root)) {
                    rows.addAll(bench.measure("ViT-B/32 shape", clip, light(clip.config()), 259, promptLength, scratch));
                }
            }
        } finally {
            AtomicFiles.deleteTree(scratch);
        }
        String table = bench.markdown(rows);
        System.out.print(table);
        if (out != null) {
            AtomicFiles.writeString(out, table);
        }
        return 0;
    }

    private IsaConfig light(ClipConfig cc) {
        return IsaConfig.light(cc.vision().imageSize(), cc.text().width()).withTokens(tokens).withWidthMultiplier(alpha);
    }
}
