package org.cir4j.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cir4j.app.encode.ImageDiscovery;
import org.cir4j.app.encode.ImageEncodingJob;
import org.cir4j.app.encode.TextEncodingJob;
import org.cir4j.image.ImagePreprocessor;
import org.cir4j.model.ClipCheckpoints;
import org.cir4j.model.ClipModel;
import org.cir4j.text.Tokenizers;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cir4j encode}: CLIP features of a folder of images or a file of captions, into one safetensors file. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = {"Encode images or captions with a CLIP checkpoint into a features file.",
                "Encode images (recursively, sorted by relative path) or captions (one per line) with a CLIP "
                + "checkpoint into a safetensors file: 'features' F32 [n, d] and 'names' (UTF-8 JSON array as U8).",
                "Undecodable images are skipped and listed (--strict: stop at the first). Image runs checkpoint to "
                        + "OUT.partial and resume from it."})
public final class EncodeCommand implements Callable<Integer>, CliSubcommand {

    /** Preprocessing choices by name. */
    public enum Preprocess { clip, targetpad, squarepad }

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, description = "CLIP checkpoint (directory or .safetensors).")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    static final class Input {
        @Option(names = "--images", description = "Folder of images (searched recursively).")
        Path images;

        @Option(names = "--texts", description = "UTF-8 file, one caption per line (blank lines skipped).")
        Path texts;
    }

    @Option(names = "--out", required = true, description = "Output .safetensors file (written atomically).")
    Path out;

    @Option(names = "--batch", defaultValue = "32", description = "Inputs per forward pass. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--preprocess", defaultValue = "clip",
            description = "clip (resize short side + center crop), targetpad (CLIP4Cir, ratio 1.25) or squarepad. "
                    + "Default: ${DEFAULT-VALUE}.")
    Preprocess preprocess;

    @Option(names = "--normalize", description = "L2-normalise the features (default: raw encode_image/encode_text output).")
    boolean normalize;

    @Option(names = "--strict", description = "Fail on the first image that cannot be decoded instead of skipping it.")
    boolean strict;

    @Option(names = "--truncate", description = "Cut captions longer than the context (OpenAI truncate=True) instead of failing.")
    boolean truncate;

    @Option(names = "--checkpoint-every", defaultValue = "2048",
            description = "Images between checkpoints to OUT.partial. Default: ${DEFAULT-VALUE}.")
    int checkpointEvery;

    @Override
    public Integer call() throws Exception {
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, found " + batch);
        }
        if (!out.getFileName().toString().endsWith(".safetensors")) {
            throw new IllegalArgumentException("--out must end in .safetensors, found " + out);
        }
        var err = spec.commandLine().getErr();
        var stdout = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        // Listing (and its errors) before the model loads: a typo fails in milliseconds.
        List<ImageDiscovery.ImageFile> images = input.images != null ? ImageDiscovery.find(input.images) : null;
        if (images != null && images.isEmpty()) {
            throw new IllegalArgumentException("no images (" + String.join(", ", ImageDiscovery.EXTENSIONS.stream()
                    .sorted().toList()) + ") under " + input.images);
        }
        if (input.texts != null && !Files.isRegularFile(input.texts)) {
            throw new IllegalArgumentException("caption file not found: " + input.texts);
        }
        try (ClipModel clip = ClipCheckpoints.load(model); StageProgress progress = new StageProgress()) {
            Map<String, String> description = new LinkedHashMap<>();
            description.put("model", model.toAbsolutePath().normalize().toString());
            if (images != null) {
                int size = clip.config().vision().imageSize();
                ImagePreprocessor pre = switch (preprocess) {
                    case clip -> ImagePreprocessor.clip(size);
                    case targetpad -> ImagePreprocessor.targetPad(size);
                    case squarepad -> ImagePreprocessor.squarePad(size);
                };
                description.put("preprocess", pre.toString());
                ImageEncodingJob job = new ImageEncodingJob(clip, pre, batch, normalize, strict, checkpointEvery,
                        description);
                ImageEncodingJob.Result r = job.run(images, out, (done, total) -> progress.update("encode images", done, total));
                progress.close();
                r.skipped().forEach((name, why) -> err.println("cir4j: skipped " + name + ": " + why));
                stdout.printf("%d images encoded%s%s -> %s (%.1f s)%n", r.encoded(),
                        r.skipped().isEmpty() ? "" : ", " + r.skipped().size() + " skipped (listed above)",
                        r.resumedFrom() > 0 ? ", resumed after " + r.resumedFrom() : "", out, seconds(t0));
            } else {
                Path dir = Files.isDirectory(model) ? model : model.toAbsolutePath().getParent();
                TextEncodingJob job = new TextEncodingJob(clip, Tokenizers.load(dir), batch, normalize, truncate,
                        description);
                TextEncodingJob.Result r = job.run(input.texts, out, (done, total) -> progress.update("encode texts", done, total));
                progress.close();
                stdout.printf("%d texts encoded%s -> %s (%.1f s)%n", r.encoded(),
                        r.blankLines() > 0 ? " (" + r.blankLines() + " blank lines skipped)" : "", out, seconds(t0));
            }
        }
        stdout.flush();
        return 0;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
