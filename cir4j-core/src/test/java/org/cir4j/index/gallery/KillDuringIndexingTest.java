package org.cir4j.index.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cir4j.world.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of a sync leaves an index that opens, and the next sync resumes. */
class KillDuringIndexingTest {

    static final int IMAGES = 120;

    @TempDir Path tmp;

    /** Child JVM: a slow sync that reports each batch on stdout. */
    public static void main(String[] args) throws IOException {
        Path images = Path.of(args[0]);
        Path index = Path.of(args[1]);
        GalleryIndexWriter.sync(index, images, new FakeEncoder("m1", 100), IndexOptions.DEFAULT.withBatchSize(4).withCommitEvery(8),
                "fake", (stage, done, total) -> {
                    if (stage.startsWith("encoding")) {
                        System.out.println("encoded " + done);
                        System.out.flush();
                    }
                });
        System.out.println("finished");
    }

    @Test
    void killedSyncLeavesUsableIndexAndResumes() throws Exception {
        Path images = tmp.resolve("images");
        Path index = tmp.resolve("index");
        FakeEncoder.writeImages(images, IMAGES);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KillDuringIndexingTest.class.getName(),
                images.toString(), index.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("encoded ") && Integer.parseInt(line.substring(8)) >= 40) {
                    break;
                }
                assertThat(line).as("child finished before it could be killed").isNotEqualTo("finished");
            }
            assertThat(line).as("child output ended early").isNotNull();
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no Lucene close
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
        int committed;
        try (GalleryIndex gi = GalleryIndex.open(index)) {
            committed = gi.size();
            assertThat(committed).isBetween(8, IMAGES - 1);
            // Usable: every committed vector finds itself.
            String id = gi.id(0);
            float[] q = FakeEncoder.vectorOf(java.nio.file.Files.readAllBytes(images.resolve(id)));
            List<IndexHit> hits = gi.search(q, 1, SearchMode.HNSW, null, -1);
            assertThat(hits.get(0).id()).isEqualTo(id);
        }
        FakeEncoder enc = new FakeEncoder("m1", 0);
        SyncReport resumed = GalleryIndexWriter.sync(index, images, enc, IndexOptions.DEFAULT, "fake", ProgressListener.NONE);
        assertThat(resumed.unchanged()).isEqualTo(committed);
        assertThat(resumed.added()).isEqualTo(IMAGES - committed);
        assertThat(enc.encoded).isEqualTo(IMAGES - committed);
        try (GalleryIndex gi = GalleryIndex.open(index)) {
            assertThat(gi.size()).isEqualTo(IMAGES);
        }
    }
}
