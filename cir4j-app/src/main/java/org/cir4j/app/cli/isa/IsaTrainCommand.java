package org.cir4j.app.cli.isa;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cir4j.app.cli.CliSubcommand;
import org.cir4j.app.cli.StageProgress;
import org.cir4j.methods.isa.IsaConfig;
import org.cir4j.methods.isa.IsaTrainer;
import org.cir4j.methods.isa.IsaTrainingOptions;
import org.cir4j.methods.searle.PhraseBank;
import org.cir4j.model.ClipCheckpoints;
import org.cir4j.model.ClipConfig;
import org.cir4j.model.ClipModel;
import org.cir4j.model.TorchRuntime;
import org.cir4j.model.WeightsFile;
import org.cir4j.text.Tokenizer;
import org.cir4j.text.Tokenizers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cir4j train isa}: trains ISA's query model on unlabelled images against a frozen CLIP. */
@Command(name = "isa", mixinStandardHelpOptions = true,
        description = "Train ISA (asymmetric zero-shot CIR): a light CNN + token learner distilled from a frozen CLIP on unlabelled images.")
public final class IsaTrainCommand implements Callable<Integer>, CliSubcommand {

    @Option(names = "--model", required = true, description = "CLIP directory (weights + config + tokenizer), the frozen large model.")
    Path model;

    @Option(names = "--world", description = "Synthetic world root: trains on DOMAIN/unlabelled.txt.")
    Path world;

    @Option(names = "--domain", defaultValue = "all", description = "shapes, garments or all (both). Default: ${DEFAULT-VALUE}.")
    String domain;

    @Option(names = "--images", description = "Alternative to --world: a text file listing image paths (relative to the file's folder), one per line.")
    Path imageList;

    @Option(names = "--max-images", description = "Use only the first N images (after listing).")
    Integer maxImages;

    @Option(names = "--out", required = true, description = "Output directory (method checkpoint, log, loss.png, state/).")
    Path out;

    @Option(names = "--resume", description = "Continue from OUT/state/latest if present.")
    boolean resume;

    @Option(names = "--symmetric", description = "Symmetric variant: the large CLIP's patch tokens feed the token learner (no light CNN).")
    boolean symmetric;

    @Option(names = "--mapper", defaultValue = IsaConfig.TOKEN_LEARNER, description = "token-learner or mlp (the Table 5 ablation). Default: ${DEFAULT-VALUE}.")
    String mapper;

    @Option(names = "--tokens", defaultValue = "4", description = "M, pseudo-word tokens per image. Default: ${DEFAULT-VALUE}.")
    int tokens;

    @Option(names = "--width-multiplier", defaultValue = "1.0", description = "Light CNN width multiplier α. Default: ${DEFAULT-VALUE}.")
    double widthMultiplier;

    @Option(names = "--image-size", description = "Light CNN input side (default: the CLIP's image size).")
    Integer imageSize;

    @Option(names = "--learner-dim", defaultValue = "64", description = "Token learner width D. Default: ${DEFAULT-VALUE}.")
    int learnerDim;

    @Option(names = "--refine-layers", defaultValue = "2", description = "Cross-attention refinement layers L. Default: ${DEFAULT-VALUE}.")
    int refineLayers;

    @Option(names = "--heads", defaultValue = "2", description = "Refinement attention heads. Default: ${DEFAULT-VALUE}.")
    int heads;

    @Option(names = "--steps", defaultValue = "2000", description = "Optimiser steps. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--batch", defaultValue = "64", description = "Images per step (InfoNCE batch). Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--lr", defaultValue = "1e-3", description = "AdamW peak learning rate. Default: ${DEFAULT-VALUE}.")
    float lr;

    @Option(names = "--weight-decay", defaultValue = "0.01", description = "AdamW weight decay. Default: ${DEFAULT-VALUE}.")
    float weightDecay;

    @Option(names = "--warmup", defaultValue = "100", description = "Linear warm-up steps. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--temperature", defaultValue = "0.05", description = "GCD InfoNCE temperature τ. Default: ${DEFAULT-VALUE}.")
    float temperature;

    @Option(names = "--gcd", defaultValue = "1.0", description = "Weight of global contrastive distillation (0 = off). Default: ${DEFAULT-VALUE}.")
    float gcd;

    @Option(names = "--lar-word", defaultValue = "0.1", description = "Weight of LAR's word-manifold term (0 = off). Default: ${DEFAULT-VALUE}.")
    float larWord;

    @Option(names = "--lar-local", defaultValue = "0.5", description = "Weight of LAR's attention/patch term (0 = off; token learner only). Default: ${DEFAULT-VALUE}.")
    float larLocal;

    @Option(names = "--gpt", defaultValue = "0", description = "Weight of the optional GPT-phrase regularisation (iSEARLE's; needs --world for concepts.json + phrases.json; 0 = off). Default: ${DEFAULT-VALUE}.")
    float gpt;

    @Option(names = "--gpt-k", defaultValue = "15", description = "Concepts kept per image for the GPT-phrase term. Default: ${DEFAULT-VALUE}.")
    int gptK;

    @Option(names = "--seed", defaultValue = "0", description = "Initialisation and data-order seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--checkpoint-every", defaultValue = "200", description = "Steps between resumable checkpoints. Default: ${DEFAULT-VALUE}.")
    int checkpointEvery;

    @Option(names = "--max-bad-steps", defaultValue = "20", description = "Non-finite losses tolerated before failing. Default: ${DEFAULT-VALUE}.")
    int maxBadSteps;

    @Option(names = "--threads", description = "PyTorch intra-op threads (default: engine default).")
    Integer threads;

    @Override
    public String parent() {
        return "train";
    }

    @Override
    public Integer call() throws Exception {
        if (threads != null) {
            TorchRuntime.setIntraOpThreads(threads);
        }
        List<Path> images = images();
        Tokenizer tokenizer = Tokenizers.load(model);
        try (ClipModel clip = ClipCheckpoints.load(model)) {
            ClipConfig cc = clip.config();
            IsaConfig config;
            if (symmetric) {
                if (cc.vision().type() != ClipConfig.VisionType.VIT) {
                    throw new IllegalArgumentException("--symmetric needs a ViT CLIP (patch tokens); " + model + " is " + cc.vision().type());
                }
                config = IsaConfig.symmetric(cc.vision().imageSize(), cc.vision().width(), cc.vision().gridSize(), cc.text().width());
            } else {
                config = IsaConfig.light(imageSize == null ? cc.vision().imageSize() : imageSize, cc.text().width())
                        .withWidthMultiplier(widthMultiplier);
            }
            config = config.withTokens(tokens).withMapper(mapper).withLearner(learnerDim, refineLayers, heads);
            IsaTrainingOptions options = new IsaTrainingOptions(steps, batch, lr, weightDecay, warmup, temperature, gcd,
                    larWord, larLocal, seed, checkpointEvery, maxBadSteps, gpt, gptK);
            PhraseBank bank = null;
            if (gpt > 0) {
                if (world == null) {
                    throw new IllegalArgumentException("--gpt needs --world (its concepts.json and phrases.json)");
                }
                List<Path> dirs = new ArrayList<>();
                for (String d : domains()) {
                    dirs.add(world.resolve(d));
                }
                bank = PhraseBank.readDomains(dirs).usable();
            }
            ObjectNode meta = JsonNodeFactory.instance.objectNode();
            meta.put("model_dir", model.toAbsolutePath().toString());
            meta.put("model_sha256_12", WeightsFile.sha256PrefixOrUnknown(model));
            meta.put("images_source", world != null ? world.toAbsolutePath() + " domain=" + domain : imageList.toAbsolutePath().toString());
            IsaTrainer.Result r;
            try (StageProgress progress = new StageProgress()) {
                r = new IsaTrainer(clip, tokenizer, config, options, images, out, meta, bank).run(resume, progress::update);
            }
            System.out.printf("ISA %s (%s, M=%d) trained for %d steps on %d images in %.1f s: loss %.4f -> %.4f (%d steps skipped); written to %s%n",
                    symmetric ? "symmetric" : "asymmetric", config.mapper(), config.tokens(), r.steps(), images.size(), r.seconds(),
                    r.firstLoss(), r.lastLoss(), r.skippedSteps(), out.toAbsolutePath());
            return 0;
        }
    }

    private List<Path> images() throws IOException {
        if ((world == null) == (imageList == null)) {
            throw new IllegalArgumentException("give exactly one of --world DIR or --images FILE");
        }
        List<Path> files = new ArrayList<>();
        if (world != null) {
            for (String d : domains()) {
                Path list = world.resolve(d).resolve("unlabelled.txt");
                if (!Files.isRegularFile(list)) {
                    throw new IOException("no unlabelled image list at " + list + " (is " + world + " a cir4j world? domains: shapes, garments)");
                }
                read(list, files);
            }
        } else {
            read(imageList, files);
        }
        if (maxImages != null && maxImages < files.size()) {
            files = files.subList(0, maxImages);
        }
        return files;
    }

    private List<String> domains() {
        return "all".equals(domain) ? List.of("shapes", "garments") : List.of(domain);
    }

    private static void read(Path list, List<Path> into) throws IOException {
        Path base = list.toAbsolutePath().getParent();
        for (String line : Files.readAllLines(list)) {
            String s = line.strip();
            if (!s.isEmpty()) {
                into.add(base.resolve(s));
            }
        }
    }

}
