package org.cir4j.app.cli.searle;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cir4j.app.cli.CliSubcommand;
import org.cir4j.app.cli.StageProgress;
import org.cir4j.methods.searle.BaseModel;
import org.cir4j.methods.searle.ImageFeatures;
import org.cir4j.methods.searle.OtiOptions;
import org.cir4j.methods.searle.OtiRunner;
import org.cir4j.methods.searle.PhraseBank;
import org.cir4j.model.ClipModel;
import org.cir4j.text.Tokenizer;
import org.cir4j.text.Tokenizers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cir4j oti}: optimisation-based textual inversion of a set of images into a token bank. */
@Command(name = "oti", mixinStandardHelpOptions = true,
        description = "Invert images into pseudo-word tokens (SEARLE/iSEARLE OTI) and write a token bank (safetensors).")
public final class OtiCommand implements Callable<Integer>, CliSubcommand {

    @Option(names = "--model", required = true, description = "CLIP directory (HF CLIPModel layout + tokenizer files).")
    Path model;

    @Option(names = "--images", required = true, description = "Folder of images, or a text file listing them (relative paths).")
    Path images;

    @Option(names = "--phrases", description = "Phrase bank (.json concept -> phrases, or .tsv concept<TAB>phrase). Required unless --option reg=none.")
    Path phrases;

    @Option(names = "--out", required = true, description = "Token bank to write (.safetensors).")
    Path out;

    @Option(names = "--preset", defaultValue = "isearle", description = "isearle or searle. Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--option", description = "Override an OTI option, KEY=VALUE (steps, lr, weight-decay, ema, gamma, lambda-content, lambda-gpt, normalise-weights, top-k, batch, reg, loss, init-std).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--preprocess", defaultValue = "targetpad", description = "clip, targetpad (the reference default) or squarepad (the harness's world default). Default: ${DEFAULT-VALUE}.")
    String preprocess;

    @Option(names = "--limit", description = "Invert only the first N images (for quick runs).")
    Integer limit;

    @Option(names = "--resume", description = "Continue an existing --out bank.")
    boolean resume;

    @Option(names = "--seed", defaultValue = "0", description = "Seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        OtiOptions options = OtiOptions.preset(preset).with(overrides);
        List<Path> files = ImageFeatures.list(images);
        if (limit != null) {
            files = files.subList(0, Math.min(limit, files.size()));
        }
        PhraseBank bank = phrases == null ? new PhraseBank(Map.of()) : PhraseBank.read(phrases);
        if (phrases == null && options.regularisation() != org.cir4j.methods.searle.Regularisation.NONE) {
            throw new IllegalArgumentException("--phrases is required for the " + options.regularisation()
                    + " regularisation (or pass --option reg=none)");
        }
        long t0 = System.nanoTime();
        try (ClipModel clip = SearleCli.loadModel(model); StageProgress progress = new StageProgress()) {
            Tokenizer tokenizer = Tokenizers.load(model);
            float[][] features = ImageFeatures.encode(clip, SearleCli.preprocessor(preprocess,
                    clip.config().vision().imageSize()), files, 64, progress::update);
            List<String> names = files.stream().map(ImageFeatures::name).toList();
            OtiRunner.Summary s = OtiRunner.run(clip, BaseModel.of(model, clip), tokenizer, bank, options, names,
                    features, out, resume, seed, progress::update);
            progress.close();
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("OTI (%s) inverted %d images (%d in the bank) in %.1f s (%.3f s/image); mean final loss %.4f; "
                    + "%d non-finite steps skipped; wrote %s%n", preset, s.invertedNow(), s.bank().size(), secs,
                    s.invertedNow() == 0 ? 0 : secs / s.invertedNow(), s.meanFinalLoss(), s.skippedSteps(), out);
        }
        return 0;
    }
}
