package org.cir4j.app.cli.searle;

import ai.djl.ndarray.NDManager;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.cir4j.app.Main;
import org.cir4j.methods.searle.TokenBank;
import org.cir4j.model.ClipCheckpoints;
import org.cir4j.model.ClipConfig;
import org.cir4j.model.ClipModel;
import org.cir4j.model.TorchRuntime;
import org.cir4j.text.WordLevelTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cir4j oti} and {@code cir4j train phi} end to end on a random tiny CLIP and four generated images. */
class SearleCommandsTest {

    @TempDir
    Path tmp;

    static Path tinyModel(Path dir) throws Exception {
        TorchRuntime.setIntraOpThreads(1);
        List<String> corpus = List.of("a photo of red circle that is small", "a photo of blue square that is large",
                "a photo of circle that is on the left", "a photo of square that is above a circle", "a photo of a");
        WordLevelTokenizer built = WordLevelTokenizer.build(corpus, 1);
        built.save(dir);
        // A Hugging Face config cannot carry end id 2 (read as the legacy pooling rule): move <end> to the last id.
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var vocab = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(dir.resolve("vocab.json").toFile());
        int last = vocab.size() - 1;
        String lastToken = null;
        for (var it = vocab.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().asInt() == last) {
                lastToken = e.getKey();
            }
        }
        vocab.put(lastToken, vocab.get(WordLevelTokenizer.END).asInt());
        vocab.put(WordLevelTokenizer.END, last);
        json.writeValue(dir.resolve("vocab.json").toFile(), vocab);
        WordLevelTokenizer tok = WordLevelTokenizer.load(dir);
        ClipConfig c = new ClipConfig(1, 32, ClipConfig.Activation.QUICK_GELU, 1e-5,
                ClipConfig.DEFAULT_LOGIT_SCALE_INIT, ClipConfig.VisionConfig.vit(16, 8, 32, 2, 2),
                ClipConfig.TextConfig.of(tok.vocabSize(), 24, 32, 2, 2, tok.endId(), tok.startId(), tok.padId()));
        try (NDManager m = NDManager.newBaseManager(); ClipModel model = ClipModel.randomInit(c, 1, m)) {
            ClipCheckpoints.save(model, dir);
        }
        Files.writeString(dir.resolve("phrases.json"), "{\"red circle\": [\"a photo of red circle that is small\"],"
                + " \"blue square\": [\"a photo of blue square that is large\"], \"circle\": [\"a photo of circle that is on the left\"],"
                + " \"square\": [\"a photo of square that is above a circle\"]}");
        return dir;
    }

    static Path images(Path dir, int n) throws Exception {
        Files.createDirectories(dir);
        Color[] colours = {Color.RED, Color.BLUE, Color.GREEN, Color.YELLOW, Color.BLACK, Color.CYAN};
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(20, 16, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 20, 16);
            g.setColor(colours[i % colours.length]);
            g.fillOval(2 + i, 2, 8, 8 + i % 3);
            g.dispose();
            ImageIO.write(img, "png", dir.resolve(String.format("img-%02d.png", i)).toFile());
            lines.add("imgs/" + String.format("img-%02d.png", i));
        }
        Files.write(dir.resolveSibling("list.txt"), lines);
        return dir;
    }

    @Test
    void otiWritesAResumableTokenBank() throws Exception {
        Path model = tinyModel(Files.createDirectories(tmp.resolve("model")));
        images(tmp.resolve("imgs"), 4);
        Path out = tmp.resolve("bank.safetensors");
        String[] args = {"oti", "--model", model.toString(), "--images", tmp.resolve("list.txt").toString(),
                "--phrases", model.resolve("phrases.json").toString(), "--out", out.toString(),
                "--option", "steps=5", "--option", "batch=2", "--limit", "2"};
        assertThat(Main.commandLine().execute(args)).isZero();
        try (NDManager m = NDManager.newBaseManager()) {
            TokenBank first = TokenBank.load(out, m);
            assertThat(first.names()).containsExactly("img-00", "img-01");
            assertThat(first.width()).isEqualTo(32);
            assertThat(first.metadata()).containsEntry("oti.steps", "5");
            // Without --resume an existing bank is never overwritten.
            String[] noResume = {"oti", "--model", model.toString(), "--images", tmp.resolve("list.txt").toString(),
                    "--phrases", model.resolve("phrases.json").toString(), "--out", out.toString(),
                    "--option", "steps=5", "--option", "batch=2"};
            assertThat(Main.commandLine().execute(noResume)).isNotZero();
            String[] resume = java.util.stream.Stream.concat(java.util.Arrays.stream(noResume), java.util.stream.Stream.of("--resume"))
                    .toArray(String[]::new);
            assertThat(Main.commandLine().execute(resume)).isZero();
            TokenBank all = TokenBank.load(out, m);
            assertThat(all.names()).containsExactly("img-00", "img-01", "img-02", "img-03");
            assertThat(all.token("img-00")).containsExactly(first.token("img-00"));
        }
    }

    @Test
    void otiRefusesTwoImagesWithOneName() throws Exception {
        Path model = tinyModel(Files.createDirectories(tmp.resolve("model")));
        images(tmp.resolve("imgs"), 2);
        Path copy = Files.createDirectories(tmp.resolve("copy")).resolve("img-00.png");
        Files.copy(tmp.resolve("imgs").resolve("img-00.png"), copy);
        Path list = tmp.resolve("dup.txt");
        Files.write(list, List.of("imgs/img-00.png", "imgs/img-01.png", "copy/img-00.png"));
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = Main.commandLine();
        cli.setErr(new java.io.PrintWriter(err));
        int code = cli.execute("oti", "--model", model.toString(), "--images", list.toString(), "--phrases",
                model.resolve("phrases.json").toString(), "--out", tmp.resolve("b.safetensors").toString(), "--option", "steps=2");
        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("two images named 'img-00'", "copy");
        assertThat(tmp.resolve("b.safetensors")).doesNotExist();
    }

    @Test
    void trainPhiWritesACheckpointFromATokenBank() throws Exception {
        Path model = tinyModel(Files.createDirectories(tmp.resolve("model")));
        images(tmp.resolve("imgs"), 4);
        Path bank = tmp.resolve("bank.safetensors");
        String list = tmp.resolve("list.txt").toString();
        assertThat(Main.commandLine().execute("oti", "--model", model.toString(), "--images", list, "--phrases",
                model.resolve("phrases.json").toString(), "--out", bank.toString(), "--option", "steps=3")).isZero();
        Path out = tmp.resolve("phi");
        assertThat(Main.commandLine().execute("train", "phi", "--model", model.toString(), "--images", list, "--tokens",
                bank.toString(), "--phrases", model.resolve("phrases.json").toString(), "--out", out.toString(),
                "--option", "epochs=2", "--option", "batch=4")).isZero();
        assertThat(out.resolve("config.json")).exists();
        assertThat(out.resolve("phi.safetensors")).exists();
        assertThat(Files.readString(out.resolve("config.json"))).contains("\"method\" : \"isearle\"");
    }
}
