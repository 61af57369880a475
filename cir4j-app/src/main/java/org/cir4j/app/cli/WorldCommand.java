package org.cir4j.app.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cir4j.world.WorldConfig;
import org.cir4j.world.WorldGenerator;
import org.cir4j.world.WorldManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cir4j world …}: the synthetic CIR world. */
@Command(name = "world", description = "The synthetic CIR world (the embedded default benchmark).",
        mixinStandardHelpOptions = true, subcommands = WorldCommand.Generate.class)
public final class WorldCommand implements Runnable, CliSubcommand {

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Sizes a user can ask for by name. */
    public enum Size { small, full }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Generate the shapes and garments domains (images, captions, CIRR/CIRCO/FashionIQ layouts).")
    public static final class Generate implements Callable<Integer> {

        @Option(names = "--out", required = true, description = "Output folder (must be empty or absent).")
        Path out;

        @Option(names = "--size", defaultValue = "small", description = "small (seconds) or full (10k galleries; minutes). Default: ${DEFAULT-VALUE}.")
        Size size;

        @Option(names = "--seed", defaultValue = "0", description = "World seed. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--resolution", description = "Short image side in pixels (default 96 for the mini-CLIP; 224 for a real CLIP).")
        Integer resolution;

        @Option(names = "--threads", description = "Generation threads (the output does not depend on it). Default: all cores.")
        Integer threads;

        @Override
        public Integer call() throws Exception {
            WorldConfig cfg = size == Size.full ? WorldConfig.full(seed) : WorldConfig.small(seed);
            if (resolution != null) {
                cfg = cfg.withResolution(resolution);
            }
            if (threads != null) {
                cfg = cfg.withThreads(threads);
            }
            long t0 = System.nanoTime();
            WorldManifest manifest;
            try (StageProgress progress = new StageProgress()) {
                manifest = WorldGenerator.generate(out, cfg, progress::update);
            }
            System.out.printf("world %s (seed %d, %d px) written to %s in %.1f s%n", manifest.size(), manifest.seed(),
                    manifest.resolution(), out.toAbsolutePath(), (System.nanoTime() - t0) / 1e9);
            manifest.counts().forEach((domain, counts) -> System.out.println("  " + domain + ": " + counts));
            return 0;
        }
    }
}
