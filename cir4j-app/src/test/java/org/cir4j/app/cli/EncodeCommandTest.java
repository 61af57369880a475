package org.cir4j.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.cir4j.app.encode.ImageDiscovery;
import org.cir4j.app.encode.ImageEncodingJob;
import org.cir4j.image.ImageDecoder;
import org.cir4j.image.ImagePreprocessor;
import org.cir4j.index.FeatureFile;
import org.cir4j.model.ClipCheckpoints;
import org.cir4j.model.ClipModel;
import org.cir4j.model.TorchRuntime;
import org.cir4j.text.Tokenizer;
import org.cir4j.text.Tokenizers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncodeCommandTest {

    @TempDir
    Path tmp;

    private Path model;
    private Path images;

    @BeforeEach
    void setUp() throws IOException {
        model = TinyCheckpoint.write(tmp.resolve("model"));
        images = tmp.resolve("images");
        Random rnd = new Random(7);
        png(images.resolve("b.png"), 20, 12, rnd);
        png(images.resolve("a.png"), 9, 30, rnd);
        png(images.resolve("sub/deeper/c.png"), 16, 16, rnd);
        png(images.resolve("sub/d.png"), 40, 33, rnd);
        png(images.resolve(".hidden/e.png"), 8, 8, rnd);
        Files.writeString(images.resolve("notes.txt"), "not an image");
        Files.write(images.resolve("sub/broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0, 1, 2});
    }

    private static void png(Path file, int w, int h, Random rnd) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rnd.nextInt(1 << 24));
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void discoveryIsRecursiveSortedAndSkipsHiddenAndNonImages() throws IOException {
        assertThat(ImageDiscovery.find(images)).extracting(ImageDiscovery.ImageFile::name)
                .containsExactly("a.png", "b.png", "sub/broken.jpg", "sub/d.png", "sub/deeper/c.png");
    }

    @Test
    void imagesAreEncodedInNameOrderAndMatchTheModelRowByRow() throws IOException {
        Path out = tmp.resolve("out/img.safetensors");
        CliRun run = CliRun.of("encode", "--model", model.toString(), "--images", images.toString(), "--out",
                out.toString(), "--batch", "3", "--preprocess", "targetpad");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("skipped sub/broken.jpg");
        assertThat(run.out()).contains("4 images encoded, 1 skipped");
        FeatureFile.Contents c = FeatureFile.read(out);
        assertThat(c.names()).containsExactly("a.png", "b.png", "sub/d.png", "sub/deeper/c.png");
        assertThat(c.dim()).isEqualTo(16);
        assertThat(c.metadata()).containsEntry("kind", "image").containsEntry("normalized", "false")
                .containsEntry("skipped", "1");
        assertThat(c.metadata().get("preprocess")).contains("TARGET_PAD");
        assertThat(Files.exists(ImageEncodingJob.partialFile(out))).isFalse();

        // Each row equals encoding that one image alone (batching does not change results).
        try (NDManager m = NDManager.newBaseManager(); ClipModel clip = ClipCheckpoints.load(model, m)) {
            ImagePreprocessor pre = ImagePreprocessor.targetPad(16);
            for (int i = 0; i < c.names().size(); i++) {
                Path file = images.resolve(c.names().get(i));
                float[] expected = TorchRuntime.withoutGradients(() -> {
                    NDArray px = pre.batch(m, List.of(new ImageDecoder().decode(file)));
                    return clip.encodeImage(px).toFloatArray();
                });
                float[] row = c.row(i);
                for (int k = 0; k < expected.length; k++) {
                    assertThat(row[k]).as(c.names().get(i) + "[" + k + "]").isCloseTo(expected[k],
                            org.assertj.core.data.Offset.offset(1e-4f));
                }
            }
        }
    }

    @Test
    void strictStopsAtTheBrokenImageByName() {
        Path out = tmp.resolve("strict.safetensors");
        CliRun run = CliRun.of("encode", "--model", model.toString(), "--images", images.toString(), "--out",
                out.toString(), "--strict");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("cir4j: error: cannot decode image", "broken.jpg", "--strict");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void anInterruptedRunResumesFromItsCheckpointWithIdenticalOutput() throws IOException {
        List<ImageDiscovery.ImageFile> files = ImageDiscovery.find(images);
        Path whole = tmp.resolve("whole.safetensors");
        Path resumed = tmp.resolve("resumed.safetensors");
        try (NDManager m = NDManager.newBaseManager(); ClipModel clip = ClipCheckpoints.load(model, m)) {
            Map<String, String> desc = Map.of("model", "tiny");
            ImageEncodingJob job = new ImageEncodingJob(clip, ImagePreprocessor.clip(16), 1, true, false, 2, desc);
            job.run(files, whole, (d, t) -> { });
            // Crash after the 3rd image: the checkpoint after image 2 survives.
            assertThatThrownBy(() -> job.run(files, resumed, (d, t) -> {
                if (d == 3) {
                    throw new UncheckedIOException(new IOException("simulated crash"));
                }
            })).hasMessageContaining("simulated crash");
            assertThat(Files.exists(ImageEncodingJob.partialFile(resumed))).isTrue();
            ImageEncodingJob.Result r = job.run(files, resumed, (d, t) -> { });
            assertThat(r.resumedFrom()).isEqualTo(2);
            assertThat(r.skipped()).containsOnlyKeys("sub/broken.jpg");

        }
        FeatureFile.Contents a = FeatureFile.read(whole);
        FeatureFile.Contents b = FeatureFile.read(resumed);
        assertThat(b.names()).isEqualTo(a.names());
        assertThat(b.matrix()).containsExactly(a.matrix());

        // Another configuration (here: normalised) must not pick up a checkpoint of this one.
        Path mixed = tmp.resolve("mixed.safetensors");
        try (NDManager m = NDManager.newBaseManager(); ClipModel clip = ClipCheckpoints.load(model, m)) {
            ImageEncodingJob raw = new ImageEncodingJob(clip, ImagePreprocessor.clip(16), 1, false, false, 2,
                    Map.of("model", "tiny"));
            assertThatThrownBy(() -> raw.run(files, mixed, (d, t) -> {
                if (d == 3) {
                    throw new UncheckedIOException(new IOException("simulated crash"));
                }
            })).hasMessageContaining("simulated crash");
            ImageEncodingJob normalized = new ImageEncodingJob(clip, ImagePreprocessor.clip(16), 1, true, false, 2,
                    Map.of("model", "tiny"));
            assertThatThrownBy(() -> normalized.run(files, mixed, (d, t) -> { }))
                    .hasMessageContaining("checkpoint of a different run");
        }
    }

    @Test
    void captionsAreEncodedWithTheirTextsAsNames() throws IOException {
        Path texts = tmp.resolve("captions.txt");
        Files.writeString(texts, "a red circle\n\nis green and larger\na red circle\n");
        Path out = tmp.resolve("txt.safetensors");
        CliRun run = CliRun.of("encode", "--model", model.toString(), "--texts", texts.toString(), "--out",
                out.toString(), "--normalize", "--batch", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("3 texts encoded (1 blank lines skipped)");
        FeatureFile.Contents c = FeatureFile.read(out);
        assertThat(c.names()).containsExactly("a red circle", "is green and larger", "a red circle");
        for (int k = 0; k < c.dim(); k++) { // same text, different batch: equal up to float rounding
            assertThat(c.row(0)[k]).isCloseTo(c.row(2)[k], org.assertj.core.data.Offset.offset(1e-5f));
        }
        double norm = 0;
        for (float v : c.row(1)) {
            norm += v * v;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        try (NDManager m = NDManager.newBaseManager(); ClipModel clip = ClipCheckpoints.load(model, m)) {
            Tokenizer tok = Tokenizers.load(model);
            float[] expected = TorchRuntime.withoutGradients(() -> ClipModel.l2Normalize(clip.encodeText(
                    ClipModel.tokenIds(tok.batch(List.of("is green and larger"), 16, Tokenizer.Truncation.ERROR), m)))
                    .toFloatArray());
            for (int k = 0; k < expected.length; k++) {
                assertThat(c.row(1)[k]).isCloseTo(expected[k], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void anOverLongCaptionNamesItsLineUnlessTruncated() throws IOException {
        Path texts = tmp.resolve("long.txt");
        Files.writeString(texts, "a red circle\n" + "a red circle on a blue square ".repeat(4) + "\n");
        Path out = tmp.resolve("long.safetensors");
        CliRun run = CliRun.of("encode", "--model", model.toString(), "--texts", texts.toString(), "--out",
                out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(texts.toString(), "lines 1..2", "--truncate");
        CliRun ok = CliRun.of("encode", "--model", model.toString(), "--texts", texts.toString(), "--out",
                out.toString(), "--truncate");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
    }

    @Test
    void aMissingImageFolderFailsBeforeTheModelLoads() {
        CliRun run = CliRun.of("encode", "--model", tmp.resolve("nope").toString(), "--images",
                tmp.resolve("missing").toString(), "--out", tmp.resolve("x.safetensors").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("image folder not found");
    }
}
