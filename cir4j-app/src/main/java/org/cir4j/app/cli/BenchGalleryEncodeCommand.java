package org.cir4j.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.cir4j.eval.PreprocessMode;
import org.cir4j.image.ImageDecoder;
import org.cir4j.image.ImagePreprocessor;
import org.cir4j.model.ClipBatchEncoder;
import org.cir4j.model.ClipCheckpoints;
import org.cir4j.model.ClipModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cir4j bench gallery-encode}: gallery encoding rate, split into its two stages — decode + preprocess (Java, one
 * thread) and the image tower's forward pass (PyTorch, {@code CIR4J_THREADS}) — so a slow gallery encode can be
 * attributed.
 */
@Command(name = "gallery-encode", mixinStandardHelpOptions = true,
        description = "Time gallery image encoding (decode + preprocess, and the CLIP image tower) on a folder of images.")
public final class BenchGalleryEncodeCommand implements Callable<Integer>, CliSubcommand {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "CLIP checkpoint folder.")
    Path model;

    @Option(names = "--images", required = true, paramLabel = "DIR", description = "Folder of images (the first --count files by name).")
    Path images;

    @Option(names = "--count", defaultValue = "512", description = "Images to encode. Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--batch", defaultValue = "64", description = "Images per forward pass. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--preprocess", defaultValue = "squarepad", description = "clip, targetpad or squarepad. Default: ${DEFAULT-VALUE}.")
    String preprocess;

    @Override
    public String parent() {
        return "bench";
    }

    @Override
    public Integer call() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(images)) {
            files = s.filter(Files::isRegularFile).sorted().limit(count).toList();
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no image files in " + images);
        }
        try (ClipModel clip = ClipCheckpoints.load(model)) {
            ImagePreprocessor pre = PreprocessMode.parse(preprocess).create(clip.config().vision().imageSize());
            ImageDecoder decoder = new ImageDecoder();
            long t0 = System.nanoTime();
            List<float[]> pixels = new ArrayList<>(files.size());
            for (Path f : files) {
                pixels.add(pre.apply(decoder.decode(f)));
            }
            long t1 = System.nanoTime();
            ClipBatchEncoder enc = new ClipBatchEncoder(clip, batch);
            int warm = Math.min(batch, pixels.size());
            enc.encodeImages(warm, (m, from, to) -> ImagePreprocessor.stack(m, pixels.subList(from, to), pre.size()), false);
            long t2 = System.nanoTime();
            enc.encodeImages(pixels.size(), (m, from, to) -> ImagePreprocessor.stack(m, pixels.subList(from, to), pre.size()), false);
            long t3 = System.nanoTime();
            double decode = files.size() / ((t1 - t0) / 1e9);
            double forward = files.size() / ((t3 - t2) / 1e9);
            var out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "| %d | %d px | %d | %s | %.0f | %.1f | %.1f |%n", files.size(), pre.size(), batch,
                    System.getProperty("ai.djl.pytorch.num_threads", "default"), decode, forward, 1 / (1 / decode + 1 / forward));
            out.flush();
        }
        return 0;
    }
}
