package org.cir4j.app.cli.searle;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cir4j.app.cli.CliSubcommand;
import org.cir4j.app.cli.StageProgress;
import org.cir4j.methods.searle.BaseModel;
import org.cir4j.methods.searle.ConceptAssociation;
import org.cir4j.methods.searle.Distillation;
import org.cir4j.methods.searle.ImageFeatures;
import org.cir4j.methods.searle.PhiOptions;
import org.cir4j.methods.searle.PhiTrainer;
import org.cir4j.methods.searle.PhraseBank;
import org.cir4j.methods.searle.PromptTemplates;
import org.cir4j.methods.searle.Regularisation;
import org.cir4j.methods.searle.TokenBank;
import org.cir4j.model.ClipModel;
import org.cir4j.text.Tokenizer;
import org.cir4j.text.Tokenizers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cir4j train phi}: distil a token bank into the textual inversion network φ. */
@Command(name = "phi", mixinStandardHelpOptions = true,
        description = "Train SEARLE/iSEARLE's textual inversion network phi on unlabelled images and their OTI tokens.")
public final class TrainPhiCommand implements Callable<Integer>, CliSubcommand {

    @Override
    public String parent() {
        return "train";
    }

    @Option(names = "--model", required = true, description = "CLIP directory (HF CLIPModel layout + tokenizer files).")
    Path model;

    @Option(names = "--images", required = true, description = "Folder of images, or a text file listing them.")
    Path images;

    @Option(names = "--tokens", description = "OTI token bank of these images (from cir4j oti). Needed unless --option distil=cycle|none.")
    Path tokens;

    @Option(names = "--phrases", description = "Phrase bank for L_gpt. Needed unless --option reg=none.")
    Path phrases;

    @Option(names = "--out", required = true, description = "Output directory (phi checkpoint, log, loss.png, checkpoints/).")
    Path out;

    @Option(names = "--preset", defaultValue = "isearle", description = "isearle or searle. Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--option", description = "Override a phi option, KEY=VALUE (epochs, batch, lr, weight-decay, tau, lambda-distil, lambda-gpt, lambda-pen, alpha, clusters, ema, dropout, top-k, distil, reg, checkpoint-every).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--preprocess", defaultValue = "targetpad", description = "clip, targetpad or squarepad; use what the gallery is encoded with. Default: ${DEFAULT-VALUE}.")
    String preprocess;

    @Option(names = "--limit", description = "Use only the first N images.")
    Integer limit;

    @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
    boolean resume;

    @Option(names = "--seed", defaultValue = "0", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        PhiOptions options = PhiOptions.preset(preset).with(overrides);
        List<Path> files = ImageFeatures.list(images);
        if (limit != null) {
            files = files.subList(0, Math.min(limit, files.size()));
        }
        long t0 = System.nanoTime();
        try (ClipModel clip = SearleCli.loadModel(model); StageProgress progress = new StageProgress()) {
            Tokenizer tokenizer = Tokenizers.load(model);
            BaseModel base = BaseModel.of(model, clip);
            List<String> names = files.stream().map(ImageFeatures::name).toList();
            float[][] targets = null;
            if (options.distil() == Distillation.CONTRASTIVE || options.distil() == Distillation.COSINE) {
                if (tokens == null) {
                    throw new IllegalArgumentException("--tokens is required for distil=" + options.distil().name().toLowerCase());
                }
                TokenBank bank;
                try (NDManager m = clip.manager().newSubManager()) {
                    bank = TokenBank.load(tokens, m);
                }
                String had = bank.metadata().get("base_model");
                base.requireSame(new BaseModel(had == null ? "unknown" : had, base.embedDim(), bank.width()), "token bank " + tokens);
                List<String> missing = new ArrayList<>();
                targets = new float[names.size()][];
                for (int i = 0; i < names.size(); i++) {
                    targets[i] = bank.token(names.get(i));
                    if (targets[i] == null) {
                        missing.add(names.get(i));
                    }
                }
                if (!missing.isEmpty()) {
                    throw new IllegalArgumentException("token bank " + tokens + " lacks " + missing.size() + " of the "
                            + names.size() + " images, e.g. " + missing.subList(0, Math.min(3, missing.size()))
                            + " (run cir4j oti on the same --images, or pass --limit)");
                }
            }
            float[][] features = ImageFeatures.encode(clip, SearleCli.preprocessor(preprocess,
                    clip.config().vision().imageSize()), files, 64, progress::update);
            PhraseBank usable = null;
            List<String> concepts = null;
            int[][] perImage = null;
            if (options.regularisation() != Regularisation.NONE) {
                if (phrases == null) {
                    throw new IllegalArgumentException("--phrases is required for L_gpt (or pass --option reg=none)");
                }
                usable = PhraseBank.read(phrases).usable();
                concepts = usable.concepts();
                perImage = ConceptAssociation.encode(clip, tokenizer, concepts, PromptTemplates.PALAVRA)
                        .topK(features, options.topK());
            }
            ObjectNode extra = new ObjectMapper().createObjectNode();
            extra.put("method", preset);
            extra.put("preset", preset);
            extra.put("preprocess", preprocess);
            if (tokens != null) {
                extra.put("tokens", tokens.getFileName().toString());
            }
            PhiTrainer.Summary s = new PhiTrainer(clip, base, tokenizer, usable, concepts, options)
                    .train(features, targets, perImage, out, resume, seed, extra, progress::update);
            s.phi().close();
            progress.close();
            // "in this run": a resumed run reports only its own steps and time, never a finished run's as if new.
            System.out.printf("phi (%s): %d steps on %d images (%d in this run, %.1f s), final loss %.4f, %d non-finite steps "
                    + "skipped; wrote %s%n", preset, s.steps(), names.size(), s.stepsRun(), (System.nanoTime() - t0) / 1e9,
                    s.finalLoss(), s.skippedSteps(), out);
        }
        return 0;
    }
}
