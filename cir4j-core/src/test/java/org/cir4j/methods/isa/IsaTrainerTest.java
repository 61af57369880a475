package org.cir4j.methods.isa;

import ai.djl.ndarray.NDArray;
import org.cir4j.methods.searle.PhraseBank;
import ai.djl.ndarray.NDManager;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.cir4j.model.ClipModel;
import org.cir4j.model.SafeTensors;
import org.cir4j.text.WordLevelTokenizer;
import org.cir4j.world.ProgressListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** ISA training on a tiny random CLIP: the loss falls, the outputs exist, and a resumed run equals an uninterrupted one. */
class IsaTrainerTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** Distinct images: a coloured rectangle at a random place on a coloured background. */
    static List<Path> images(Path dir, int n) throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(5);
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
            g.fillRect(0, 0, 32, 32);
            g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
            g.fillRect(r.nextInt(20), r.nextInt(20), 6 + r.nextInt(10), 6 + r.nextInt(10));
            g.dispose();
            Path p = dir.resolve("img-" + i + ".png");
            ImageIO.write(img, "png", p.toFile());
            out.add(p);
        }
        return out;
    }

    private static IsaTrainingOptions options(int steps, int every) {
        return options(steps, every, 8);
    }

    private static IsaTrainingOptions options(int steps, int every, int batch) {
        return new IsaTrainingOptions(steps, batch, 3e-3f, 0.01f, 2, 0.05f, 1f, 0.1f, 0.5f, 3, every, 3, 0f, 15);
    }

    @Test
    void lossFallsInTwentyStepsAndTheRunWritesItsFiles(@TempDir Path tmp) throws Exception {
        WordLevelTokenizer tok = IsaTestModels.tokenizer();
        List<Path> imgs = images(tmp.resolve("img"), 12);
        try (ClipModel clip = IsaTestModels.tinyClip(tok, manager, 7)) {
            Path out = tmp.resolve("run");
            IsaTrainer.Result r = new IsaTrainer(clip, tok, IsaTestModels.tinyLight(), options(20, 10, 6), imgs, out, null)
                    .run(false, ProgressListener.NONE);
            List<String> csv = Files.readAllLines(out.resolve("train_log.csv"));
            assertThat(csv).hasSize(21);
            double firstFive = 0;
            double lastFive = 0;
            for (int i = 1; i <= 5; i++) {
                firstFive += Double.parseDouble(csv.get(i).split(",")[1]);
                lastFive += Double.parseDouble(csv.get(15 + i).split(",")[1]);
            }
            assertThat(lastFive).as("mean loss of the last 5 steps vs the first 5").isLessThan(firstFive * 0.9);
            assertThat(r.skippedSteps()).isZero();
            assertThat(out.resolve("loss.png")).exists();
            assertThat(out.resolve("isa.safetensors")).exists();
            assertThat(IsaCheckpoint.readConfig(out).path("base_model").path("fingerprint").asText())
                    .isEqualTo(BaseModelIdentity.of(clip).fingerprint());
            // CLIP stays frozen.
            assertThat(clip.parameters().values().stream().noneMatch(NDArray::hasGradient)).isTrue();
        }
    }

    @Test
    void gptPhraseRegularisationContributesAFiniteLoss(@TempDir Path tmp) throws Exception {
        WordLevelTokenizer tok = IsaTestModels.tokenizer();
        List<Path> imgs = images(tmp.resolve("img"), 4);
        Path world = tmp.resolve("shapes");
        Files.createDirectories(world);
        Files.writeString(world.resolve("concepts.json"), "[\"circle\", \"green square\", \"star\"]");
        Files.writeString(world.resolve("phrases.json"), "{\"circle\": [\"a photo of circle that is red\", \"a photo of circle\"],"
                + " \"green square\": [\"a photo of green square on the left\"], \"star\": [\"a photo of a blue thing\"]}");
        PhraseBank bank = PhraseBank.readDomains(List.of(world)).usable();
        // 'star' goes: its phrase does not contain it (the reference's concepts_to_filter_out).
        assertThat(bank.concepts()).containsExactly("circle", "green square");
        try (ClipModel clip = IsaTestModels.tinyClip(tok, manager, 7)) {
            Path out = tmp.resolve("run");
            IsaTrainingOptions o = new IsaTrainingOptions(2, 4, 1e-3f, 0.01f, 0, 0.05f, 1f, 0f, 0f, 1, 2, 0, 0.5f, 1);
            new IsaTrainer(clip, tok, IsaTestModels.tinyLight(), o, imgs, out, null, bank).run(false, ProgressListener.NONE);
            List<String> csv = Files.readAllLines(out.resolve("train_log.csv"));
            double gpt = Double.parseDouble(csv.get(1).split(",")[5]);
            assertThat(gpt).isGreaterThan(0).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void resumedRunEqualsUninterruptedRun(@TempDir Path tmp) throws Exception {
        WordLevelTokenizer tok = IsaTestModels.tokenizer();
        List<Path> imgs = images(tmp.resolve("img"), 8);
        try (ClipModel clip = IsaTestModels.tinyClip(tok, manager, 7)) {
            Path a = tmp.resolve("a");
            new IsaTrainer(clip, tok, IsaTestModels.tinyLight(), options(4, 2, 4), imgs, a, null).run(false, ProgressListener.NONE);
            // Simulate a crash after step 2: drop the final outputs and the step-4 state.
            Path b = tmp.resolve("b");
            new IsaTrainer(clip, tok, IsaTestModels.tinyLight(), options(4, 2, 4), imgs, b, null).run(false, ProgressListener.NONE);
            org.cir4j.util.AtomicFiles.deleteTree(b.resolve("state/step-00000004"));
            Files.writeString(b.resolve("state/latest"), "step-00000002\n");
            Files.delete(b.resolve("isa.safetensors"));
            new IsaTrainer(clip, tok, IsaTestModels.tinyLight(), options(4, 2, 4), imgs, b, null).run(true, ProgressListener.NONE);
            Map<String, NDArray> ta = SafeTensors.read(a.resolve("isa.safetensors"), manager);
            Map<String, NDArray> tb = SafeTensors.read(b.resolve("isa.safetensors"), manager);
            assertThat(tb.keySet()).isEqualTo(ta.keySet());
            for (String k : ta.keySet()) {
                assertThat(tb.get(k).toFloatArray()).as(k).containsExactly(ta.get(k).toFloatArray());
            }
            assertThat(Files.readAllLines(b.resolve("train_log.csv"))).hasSize(5);
        }
    }
}
