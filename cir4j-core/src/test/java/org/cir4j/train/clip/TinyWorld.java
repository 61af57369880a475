package org.cir4j.train.clip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cir4j.util.AtomicFiles;
import org.cir4j.world.ProgressListener;
import org.cir4j.world.WorldConfig;
import org.cir4j.world.WorldGenerator;

/** A minimal world (48 pretraining images per domain, 8-image galleries), generated once per test JVM. */
public final class TinyWorld {
    private static Path root;

    private TinyWorld() {}

    public static synchronized Path root() {
        if (root == null) {
            try {
                Path dir = Files.createTempDirectory("cir4j-tiny-world");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        AtomicFiles.deleteTree(dir);
                    } catch (IOException ignored) {
                        // best effort at JVM exit: the OS temp cleaner removes leftovers
                    }
                }));
                WorldConfig cfg = WorldConfig.small(7).withSizes(new WorldConfig.SplitSizes(48, 4, 2, 2, 16, 2, 16))
                        .withResolution(32).withThreads(2);
                WorldGenerator.generate(dir.resolve("world"), cfg, ProgressListener.NONE);
                root = dir.resolve("world");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }
}
