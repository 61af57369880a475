package org.cir4j.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cir4j.eval.clip.ClipQualityEvaluator;
import org.cir4j.eval.clip.ClipQualityReport;
import org.cir4j.model.ClipCheckpoints;
import org.cir4j.model.ClipModel;
import org.cir4j.text.Tokenizer;
import org.cir4j.text.Tokenizers;
import org.cir4j.train.clip.ClipPretrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cir4j eval clip}: the mini-CLIP quality report. */
@Command(name = "clip", mixinStandardHelpOptions = true,
        description = "Quality report of a CLIP on a world: zero-shot accuracy per attribute and text<->image "
                + "R@1/5 on held-out pretraining pairs (Markdown + JSON).")
public final class EvalClipCommand implements Callable<Integer>, CliSubcommand {

    @Option(names = "--model", required = true, description = "Model directory (HF CLIPModel + tokenizer files).")
    Path model;

    @Option(names = "--world", required = true, description = "World directory.")
    Path world;

    @Option(names = "--out", description = "Markdown report to write (JSON beside it, .json). Default: print Markdown.")
    Path out;

    @Option(names = "--images", defaultValue = "1000", description = "Val images per attribute and domain. Default: ${DEFAULT-VALUE}.")
    int images;

    @Option(names = "--held-out", description = "Held-out pretraining pairs per domain. Default: the model's "
            + "training.json (held_out), else 1000.")
    Integer heldOut;

    @Option(names = "--threads", description = "Image preprocessing threads. Default: all cores.")
    Integer threads;

    @Override
    public String parent() {
        return "eval";
    }

    @Override
    public Integer call() throws Exception {
        int held = heldOut != null ? heldOut : heldOutOfModel();
        Tokenizer tokenizer = Tokenizers.load(model);
        long t0 = System.nanoTime();
        ClipQualityReport report;
        try (ClipModel clip = ClipCheckpoints.load(model)) {
            report = new ClipQualityEvaluator(clip, tokenizer,
                    threads == null ? Runtime.getRuntime().availableProcessors() : threads)
                    .evaluate(world, model, images, held);
        }
        String md = report.toMarkdown();
        if (out == null) {
            System.out.print(md);
        } else {
            report.writeMarkdown(out);
            String name = out.getFileName().toString();
            Path json = out.resolveSibling((name.endsWith(".md") ? name.substring(0, name.length() - 3) : name) + ".json");
            report.writeJson(json);
            System.out.println("report written to " + out + " and " + json);
        }
        System.err.printf(Locale.ROOT, "evaluated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private int heldOutOfModel() throws java.io.IOException {
        Path training = model.resolve(ClipPretrainer.TRAINING_FILE);
        if (Files.isRegularFile(training)) {
            JsonNode n = new ObjectMapper().readTree(training.toFile()).path("options").path("held_out");
            if (n.isInt()) {
                return n.intValue();
            }
        }
        return 1000;
    }
}
