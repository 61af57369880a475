package org.cir4j.app.cli.searle;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.cir4j.app.cli.CliSubcommand;
import org.cir4j.methods.searle.ConceptAssociation;
import org.cir4j.methods.searle.Oti;
import org.cir4j.methods.searle.OtiOptions;
import org.cir4j.methods.searle.PhiNetwork;
import org.cir4j.methods.searle.PhraseBank;
import org.cir4j.methods.searle.PromptTemplates;
import org.cir4j.model.ClipConfig;
import org.cir4j.model.ClipModel;
import org.cir4j.model.TorchRuntime;
import org.cir4j.text.Tokenizer;
import org.cir4j.text.Tokenizers;
import org.cir4j.text.WordLevelTokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cir4j bench searle}: OTI seconds per image (batched and single) and φ inference latency, for a
 * given CLIP or a randomly initialised ViT-B/32-shaped one. OTI is timed over {@code --steps} iterations
 * (after one warm-up iteration) and scaled to the preset's iteration count: its cost per iteration is
 * constant, so this is exact up to timer noise and saves the machine minutes per row.
 */
@Command(name = "searle", mixinStandardHelpOptions = true,
        description = "Benchmark OTI (s/image, batched vs single) and phi latency; prints Markdown table rows.")
public final class BenchSearleCommand implements Callable<Integer>, CliSubcommand {

    @Override
    public String parent() {
        return "bench";
    }

    @Option(names = "--model", description = "CLIP directory; without it a random ViT-B/32-shaped CLIP is used.")
    Path model;

    @Option(names = "--phrases", description = "Phrase bank (default: a small built-in bank of common words).")
    Path phrases;

    @Option(names = "--preset", defaultValue = "isearle", description = "OTI preset. Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--steps", defaultValue = "5", description = "OTI iterations timed. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--batch", defaultValue = "32", description = "Batched OTI size. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--reps", defaultValue = "50", description = "phi repetitions. Default: ${DEFAULT-VALUE}.")
    int reps;

    @Override
    public Integer call() throws Exception {
        String threads = System.getenv("CIR4J_THREADS");
        if (threads != null && !threads.isBlank()) {
            TorchRuntime.setIntraOpThreads(Integer.parseInt(threads.trim()));
        }
        Map<String, List<String>> bankMap = new LinkedHashMap<>();
        for (String c : List.of("circle", "square", "star", "dress", "shirt")) {
            bankMap.put(c, List.of("a photo of " + c + " that is on the left", "a photo of " + c + " that is red"));
        }
        try (NDManager root = NDManager.newBaseManager()) {
            ClipModel clip;
            Tokenizer tokenizer;
            String label;
            if (model != null) {
                clip = SearleCli.loadModel(model);
                tokenizer = Tokenizers.load(model);
                label = model.getFileName().toString();
            } else {
                List<String> corpus = new ArrayList<>();
                bankMap.values().forEach(corpus::addAll);
                corpus.add("a photo of");
                WordLevelTokenizer w = WordLevelTokenizer.build(corpus, 1);
                tokenizer = w;
                // ViT-B/32's shapes (text: width 512, 8 heads, 12 layers, context 77; embed 512); vocab as CLIP's.
                ClipConfig c = new ClipConfig(1, 512, ClipConfig.Activation.QUICK_GELU, 1e-5,
                        ClipConfig.DEFAULT_LOGIT_SCALE_INIT, ClipConfig.VisionConfig.vit(224, 32, 768, 12, 12),
                        ClipConfig.TextConfig.of(49408, 77, 512, 8, 12, w.endId(), w.startId(), w.padId()));
                clip = ClipModel.randomInit(c, 0, root);
                label = "ViT-B/32-shaped (random)";
            }
            try (clip) {
                PhraseBank bank = phrases != null ? PhraseBank.read(phrases).usable() : new PhraseBank(bankMap);
                ConceptAssociation assoc = ConceptAssociation.encode(clip, tokenizer, bank.concepts(), PromptTemplates.PALAVRA);
                OtiOptions full = OtiOptions.preset(preset);
                int d = clip.config().embedDim();
                double batched = otiSecondsPerImage(clip, tokenizer, bank, assoc, full, batch, d);
                double single = otiSecondsPerImage(clip, tokenizer, bank, assoc, full, 1, d);
                double[] phi = phiLatencyMs(clip);
                System.out.printf("| %s | %s (%d it.) | %.3f | %d | %.3f | %.3f | %.3f |%n", label, preset, full.steps(),
                        single, batch, batched, phi[0], phi[1]);
            }
        }
        return 0;
    }

    private double otiSecondsPerImage(ClipModel clip, Tokenizer tok, PhraseBank bank, ConceptAssociation assoc,
                                      OtiOptions full, int b, int d) {
        SplittableRandom r = new SplittableRandom(1);
        float[][] x = new float[b][d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) (r.nextDouble() - 0.5);
            }
        }
        Oti warm = new Oti(clip, tok, bank, assoc, full.with(Map.of("steps", "1", "batch", Integer.toString(b))));
        warm.invert(x, 0);
        Oti timed = new Oti(clip, tok, bank, assoc, full.with(Map.of("steps", Integer.toString(steps), "batch", Integer.toString(b))));
        long t0 = System.nanoTime();
        timed.invert(x, 0);
        double perIteration = (System.nanoTime() - t0) / 1e9 / steps;
        return perIteration * full.steps() / b;
    }

    /** Median φ forward latency in ms for batch 1 and batch 64. */
    private double[] phiLatencyMs(ClipModel clip) {
        int d = clip.config().embedDim();
        try (PhiNetwork phi = PhiNetwork.init(d, clip.config().text().width(), 0.5f, 0, clip.manager())) {
            double[] out = new double[2];
            int[] sizes = {1, 64};
            for (int s = 0; s < 2; s++) {
                float[][] x = new float[sizes[s]][d];
                double[] t = new double[reps];
                phi.predict(x);
                for (int i = 0; i < reps; i++) {
                    long t0 = System.nanoTime();
                    phi.predict(x);
                    t[i] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(t);
                out[s] = t[reps / 2];
            }
            return out;
        }
    }
}
