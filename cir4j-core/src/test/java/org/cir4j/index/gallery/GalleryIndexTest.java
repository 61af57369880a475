package org.cir4j.index.gallery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.cir4j.world.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GalleryIndexTest {

    @TempDir Path tmp;

    private SyncReport sync(Path index, Path images, FakeEncoder enc, IndexOptions o) throws IOException {
        return GalleryIndexWriter.sync(index, images, enc, o, "fake-model", ProgressListener.NONE);
    }

    @Test
    void exactAndHnswFindTheQueriedImageAndRespectFolderFilterAndExclusion() throws IOException {
        Path images = tmp.resolve("images");
        FakeEncoder.writeImages(images, 40);
        Path index = tmp.resolve("index");
        SyncReport r = sync(index, images, new FakeEncoder("m1", 0), IndexOptions.DEFAULT.withCommitEvery(7));
        assertThat(r.added()).isEqualTo(40);
        assertThat(r.total()).isEqualTo(40);
        try (GalleryIndex gi = GalleryIndex.open(index)) {
            assertThat(gi.size()).isEqualTo(40);
            assertThat(gi.imagesRoot()).isEqualTo(images.toAbsolutePath().normalize());
            float[] q = FakeEncoder.vectorOf(Files.readAllBytes(images.resolve("odd/sub/img-5.png")));
            int row = gi.rowOf("odd/sub/img-5.png");
            assertThat(gi.rawVector(row)).containsExactly(q, org.assertj.core.data.Offset.offset(1e-4f));
            for (SearchMode mode : SearchMode.values()) {
                List<IndexHit> hits = gi.search(q, 5, mode, null, -1);
                assertThat(hits).hasSize(5);
                assertThat(hits.get(0).id()).isEqualTo("odd/sub/img-5.png");
                assertThat(hits.get(0).score()).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
                assertThat(hits).isSortedAccordingTo((a, b) -> Float.compare(b.score(), a.score()));
                List<IndexHit> even = gi.search(q, 50, mode, "even/", -1);
                assertThat(even).hasSize(20).allMatch(h -> h.id().startsWith("even/sub/"));
                List<IndexHit> excl = gi.search(q, 5, mode, null, row);
                assertThat(excl).extracting(IndexHit::id).doesNotContain("odd/sub/img-5.png");
            }
            assertThat(gi.folderCounts()).containsEntry("even", 20).containsEntry("odd", 20);
        }
    }

    @Test
    void incrementalSyncAddsUpdatesRemovesAndSkipsTouchedFiles() throws IOException {
        Path images = tmp.resolve("images");
        FakeEncoder.writeImages(images, 10);
        Path index = tmp.resolve("index");
        sync(index, images, new FakeEncoder("m1", 0), IndexOptions.DEFAULT);

        Files.writeString(images.resolve("odd/new.png"), "a new image");
        Files.writeString(images.resolve("even/sub/img-0.png"), "changed content");
        Files.delete(images.resolve("odd/sub/img-1.png"));
        Path touched = images.resolve("even/sub/img-2.png");
        Files.setLastModifiedTime(touched, FileTime.fromMillis(Files.getLastModifiedTime(touched).toMillis() + 5000));
        Files.writeString(images.resolve("odd/broken.png"), "X not an image");

        FakeEncoder enc = new FakeEncoder("m1", 0);
        SyncReport r = sync(index, images, enc, IndexOptions.DEFAULT);
        assertThat(r.added()).isEqualTo(1);
        assertThat(r.updated()).isEqualTo(1);
        assertThat(r.removed()).isEqualTo(1);
        assertThat(r.unchanged()).isEqualTo(8);
        assertThat(r.failed()).singleElement().asString().startsWith("odd/broken.png");
        assertThat(r.total()).isEqualTo(10);
        assertThat(enc.encoded).as("only the new and the changed image are encoded").isEqualTo(2);
        try (GalleryIndex gi = GalleryIndex.open(index)) {
            assertThat(gi.rowOf("odd/sub/img-1.png")).isEqualTo(-1);
            int row = gi.rowOf("even/sub/img-0.png");
            assertThat(gi.rawVector(row)).containsExactly(FakeEncoder.vectorOf("changed content".getBytes()),
                    org.assertj.core.data.Offset.offset(1e-4f));
        }
        // A second sync with nothing changed encodes nothing.
        FakeEncoder idle = new FakeEncoder("m1", 0);
        Files.delete(images.resolve("odd/broken.png"));
        SyncReport again = sync(index, images, idle, IndexOptions.DEFAULT);
        assertThat(again.unchanged()).isEqualTo(10);
        assertThat(idle.encoded).isZero();
    }

    @Test
    void anotherModelIsRefusedLoudly() throws IOException {
        Path images = tmp.resolve("images");
        FakeEncoder.writeImages(images, 3);
        Path index = tmp.resolve("index");
        sync(index, images, new FakeEncoder("m1", 0), IndexOptions.DEFAULT);
        assertThatThrownBy(() -> sync(index, images, new FakeEncoder("m2", 0), IndexOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model id: index m1").hasMessageContaining("given m2");
    }

    @Test
    void int8QuantizedHnswSearches() throws IOException {
        Path images = tmp.resolve("images");
        FakeEncoder.writeImages(images, 30);
        Path index = tmp.resolve("index");
        sync(index, images, new FakeEncoder("m1", 0), IndexOptions.DEFAULT.withQuantization(IndexManifest.Quantization.INT8));
        try (GalleryIndex gi = GalleryIndex.open(index)) {
            assertThat(gi.manifest().quantization()).isEqualTo(IndexManifest.Quantization.INT8);
            float[] q = FakeEncoder.vectorOf(Files.readAllBytes(images.resolve("even/sub/img-8.png")));
            assertThat(gi.search(q, 3, SearchMode.HNSW, null, -1).get(0).id()).isEqualTo("even/sub/img-8.png");
        }
    }

    @Test
    void staleExactVectorsFileIsRebuilt() throws IOException {
        Path images = tmp.resolve("images");
        FakeEncoder.writeImages(images, 6);
        Path index = tmp.resolve("index");
        sync(index, images, new FakeEncoder("m1", 0), IndexOptions.DEFAULT);
        Files.delete(index.resolve(ExactVectorsFile.FILE));
        try (GalleryIndex gi = GalleryIndex.open(index)) {
            assertThat(gi.size()).isEqualTo(6);
        }
        assertThat(index.resolve(ExactVectorsFile.FILE)).exists();
    }

    @Test
    void openingAnEmptyFolderNamesWhatIsMissing() {
        assertThatThrownBy(() -> GalleryIndex.open(tmp)).isInstanceOf(IOException.class).hasMessageContaining("manifest.json");
    }
}
