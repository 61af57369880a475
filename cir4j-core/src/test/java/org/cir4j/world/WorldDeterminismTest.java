package org.cir4j.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same seed → byte-identical world, whatever the number of threads; another seed → another world. */
class WorldDeterminismTest {

    /** A reduced world (both domains) so that three generations stay fast. */
    static WorldConfig tiny(long seed, int threads) {
        return new WorldConfig(seed, "custom", 96, EnumSet.allOf(Domain.class),
                new WorldConfig.SplitSizes(24, 6, 4, 3, 24, 3, 24), 3, 4, 2, 0.5, threads);
    }

    /**
     * One copy in this JVM on two threads, the other in a child JVM on one thread whose identity hash
     * codes are all equal ({@code -XX:hashCode=2}): any dependence on scheduling, thread count or
     * identity hashes (e.g. iterating a hash set of enums) would show up as a byte difference.
     */
    @Test
    void sameSeedGivesIdenticalBytesAcrossThreadsAndJvms(@TempDir Path tmp) throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        WorldGenerator.generate(a, tiny(7, 2), ProgressListener.NONE);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UnlockExperimentalVMOptions", "-XX:hashCode=2", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), Child.class.getName(), b.toString(), "7", "1")
                .redirectErrorStream(true).start();
        String log = new String(child.getInputStream().readAllBytes());
        assertThat(child.waitFor()).as("child JVM output: " + log).isZero();
        List<Path> filesA = files(a);
        List<Path> filesB = files(b);
        assertThat(filesA).isEqualTo(filesB);
        assertThat(filesA).contains(Path.of("world.json"), Path.of("vocabulary.txt"),
                Path.of("shapes", "scenes.jsonl"), Path.of("garments", "queries.jsonl"),
                Path.of("garments", "fashioniq", "captions", "cap.dress.val.json"),
                Path.of("shapes", "circo", "annotations", "test.json"));
        long json = 0;
        long png = 0;
        for (Path rel : filesA) {
            assertThat(Files.readAllBytes(b.resolve(rel))).as(rel.toString()).isEqualTo(Files.readAllBytes(a.resolve(rel)));
            String n = rel.getFileName().toString();
            json += n.endsWith(".json") || n.endsWith(".jsonl") ? 1 : 0;
            png += n.endsWith(".png") ? 1 : 0;
        }
        assertThat(json).isGreaterThan(30);
        assertThat(png).isGreaterThan(300);
    }

    @Test
    void anotherSeedGivesAnotherWorld(@TempDir Path tmp) throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        WorldConfig one = tiny(1, 2).withDomains(EnumSet.of(Domain.SHAPES));
        WorldGenerator.generate(a, one, ProgressListener.NONE);
        WorldGenerator.generate(b, tiny(2, 2).withDomains(EnumSet.of(Domain.SHAPES)), ProgressListener.NONE);
        assertThat(Files.readString(a.resolve("shapes/queries.jsonl")))
                .isNotEqualTo(Files.readString(b.resolve("shapes/queries.jsonl")));
        assertThat(Files.exists(a.resolve("garments"))).isFalse();
    }

    @Test
    void refusesANonEmptyOutputFolder(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("something.txt"), "x");
        assertThatThrownBy(() -> WorldGenerator.generate(tmp, tiny(1, 1), ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(tmp.toString()).hasMessageContaining("not empty");
    }

    @Test
    void rejectsAGalleryTooSmallForItsQueries() {
        assertThatThrownBy(() -> WorldConfig.small(1).withSizes(new WorldConfig.SplitSizes(10, 10, 10, 30, 100, 5, 100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("val gallery of 100 images cannot hold 30 queries")
                .hasMessageContaining("need at least 240");
        assertThatThrownBy(() -> WorldConfig.small(1).withResolution(8))
                .hasMessageContaining("resolution must be 32..2048").hasMessageContaining("found 8");
    }

    @Test
    void progressReachesEveryStageTotal(@TempDir Path tmp) throws IOException {
        java.util.Map<String, long[]> last = new java.util.LinkedHashMap<>();
        WorldGenerator.generate(tmp.resolve("w"), tiny(3, 2).withDomains(EnumSet.of(Domain.GARMENTS)),
                (stage, done, total) -> {
                    long[] before = last.get(stage);
                    assertThat(before == null || before[0] <= done).as(stage + " counts never go back").isTrue();
                    last.put(stage, new long[] {done, total});
                });
        assertThat(last).containsKeys("garments: rendering", "garments: test queries", "garments: writing files");
        last.forEach((stage, dt) -> assertThat(dt[0]).as(stage).isEqualTo(dt[1]));
    }

    /** Entry point of the child JVM: {@code <out> <seed> <threads>}. */
    public static final class Child {
        public static void main(String[] args) throws IOException {
            WorldGenerator.generate(Path.of(args[0]), tiny(Long.parseLong(args[1]), Integer.parseInt(args[2])),
                    ProgressListener.NONE);
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
