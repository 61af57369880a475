package org.cir4j.app.cli.isa;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.cir4j.app.Main;
import org.cir4j.model.ClipCheckpoints;
import org.cir4j.model.ClipConfig;
import org.cir4j.model.ClipModel;
import org.cir4j.text.WordLevelTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cir4j train isa} and {@code cir4j isa-export} end to end on a tiny random CLIP. */
class IsaCommandsTest {

    private static Path tinyClip(Path dir) throws Exception {
        WordLevelTokenizer built = WordLevelTokenizer.build(List.of("a photo of $ that is red and blue"), 1);
        built.save(dir);
        // Hugging Face configs cannot carry end id 2 (read as the legacy argmax rule): swap the end token to the last id,
        // as the mini-CLIP's export does.
        Path vocabFile = dir.resolve(WordLevelTokenizer.VOCAB_FILE);
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode vocab = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(vocabFile.toFile());
        String last = built.token(built.vocabSize() - 1);
        String end = built.token(built.endId());
        vocab.put(last, built.endId());
        vocab.put(end, built.vocabSize() - 1);
        json.writeValue(vocabFile.toFile(), vocab);
        WordLevelTokenizer tok = WordLevelTokenizer.load(dir);
        ClipConfig c = new ClipConfig(1, 32, ClipConfig.Activation.QUICK_GELU, 1e-5, ClipConfig.DEFAULT_LOGIT_SCALE_INIT,
                ClipConfig.VisionConfig.vit(32, 8, 32, 1, 1),
                ClipConfig.TextConfig.of(tok.vocabSize(), 16, 32, 1, 1, tok.endId(), tok.startId(), tok.padId()));
        try (NDManager m = NDManager.newBaseManager(); ClipModel clip = ClipModel.randomInit(c, 1, m)) {
            ClipCheckpoints.save(clip, dir);
        }
        return dir;
    }

    private static Path imageList(Path dir, int n) throws Exception {
        Files.createDirectories(dir.resolve("img"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(40 * i % 256, 90, 200 - 20 * i));
            g.fillRect(i, 4, 10, 12);
            g.dispose();
            ImageIO.write(img, "png", dir.resolve("img/" + i + ".png").toFile());
            lines.add("img/" + i + ".png");
        }
        Path list = dir.resolve("images.txt");
        Files.write(list, lines);
        return list;
    }

    @Test
    void trainThenExport(@TempDir Path tmp) throws Exception {
        Path model = tinyClip(tmp.resolve("clip"));
        Path list = imageList(tmp, 6);
        Path out = tmp.resolve("isa");
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute("train", "isa", "--model", model.toString(), "--images", list.toString(), "--out", out.toString(),
                "--steps", "3", "--batch", "3", "--warmup", "1", "--tokens", "2", "--learner-dim", "16", "--heads", "2",
                "--refine-layers", "1", "--checkpoint-every", "2", "--width-multiplier", "0.5");
        assertThat(rc).as(err.toString()).isZero();
        assertThat(out.resolve("config.json")).exists();
        assertThat(out.resolve("isa.safetensors")).exists();
        assertThat(out.resolve("state/latest")).exists();
        assertThat(Files.readAllLines(out.resolve("train_log.csv"))).hasSize(4);
        assertThat(Files.readString(out.resolve("config.json"))).contains("\"method\" : \"isa\"", "model_sha256_12");

        Path exported = tmp.resolve("device");
        rc = Main.commandLine().execute("isa-export", "--checkpoint", out.toString(), "--out", exported.toString());
        assertThat(rc).isZero();
        assertThat(exported.resolve("query_model.json")).exists();
        assertThat(exported.resolve("query_model.safetensors")).exists();
    }

    @Test
    void imageSourceMustBeGivenOnce(@TempDir Path tmp) {
        CommandLine cl = Main.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute("train", "isa", "--model", tmp.toString(), "--out", tmp.resolve("o").toString());
        assertThat(rc).isEqualTo(2);
        assertThat(err.toString()).contains("give exactly one of --world DIR or --images FILE");
    }
}
