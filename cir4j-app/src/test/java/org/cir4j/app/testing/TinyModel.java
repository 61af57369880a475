package org.cir4j.app.testing;

import ai.djl.ndarray.NDManager;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.cir4j.model.ClipCheckpoints;
import org.cir4j.model.ClipConfig;
import org.cir4j.model.ClipModel;
import org.cir4j.text.WordLevelTokenizer;

/** A random-init CLIP small enough for tests (32 px, width 32, 2 layers) with a word-level tokenizer, and test images. */
public final class TinyModel {
    private TinyModel() {}

    public static final List<String> CORPUS = List.of("a red circle on a blue background", "is green instead",
            "has two squares", "a photo of a shirt with long sleeves", "is red and larger", "without the triangle");

    /** Writes the model (HF layout) and tokenizer to {@code dir}. */
    public static Path write(Path dir, long seed) throws IOException {
        Files.createDirectories(dir);
        WordLevelTokenizer.build(CORPUS, 1).save(dir);
        endTokenLast(dir.resolve(WordLevelTokenizer.VOCAB_FILE));
        WordLevelTokenizer tok = WordLevelTokenizer.load(dir);
        ClipConfig cfg = new ClipConfig(1, 16, ClipConfig.Activation.QUICK_GELU, 1e-5, ClipConfig.DEFAULT_LOGIT_SCALE_INIT,
                ClipConfig.VisionConfig.vit(32, 8, 32, 2, 2),
                ClipConfig.TextConfig.of(tok.vocabSize(), 16, 32, 2, 2, tok.endId(), tok.startId(), tok.padId()));
        try (NDManager m = NDManager.newBaseManager(); ClipModel model = ClipModel.randomInit(cfg, seed, m)) {
            ClipCheckpoints.save(model, dir);
        }
        return dir;
    }

    /**
     * Moves the end token to the last id, as the mini-CLIP's export does: a Hugging Face config cannot hold
     * end id 2 (transformers reads it as the legacy argmax pooling rule).
     */
    private static void endTokenLast(Path vocabJson) throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        java.util.Map<String, Integer> vocab = json.readValue(vocabJson.toFile(),
                new com.fasterxml.jackson.core.type.TypeReference<java.util.LinkedHashMap<String, Integer>>() {});
        List<String> order = new java.util.ArrayList<>(vocab.keySet());
        order.sort(java.util.Comparator.comparing(vocab::get));
        order.remove(WordLevelTokenizer.END);
        order.add(WordLevelTokenizer.END);
        java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < order.size(); i++) {
            out.put(order.get(i), i);
        }
        json.writeValue(vocabJson.toFile(), out);
    }

    /** {@code n} distinct PNGs (coloured rectangles) alternating between folders {@code a/} and {@code b/}. */
    public static void writeImages(Path root, int n, long seed) throws IOException {
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(40, 36, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
            g.fillRect(0, 0, 40, 36);
            g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
            g.fillOval(r.nextInt(20), r.nextInt(18), 10 + r.nextInt(15), 10 + r.nextInt(15));
            g.dispose();
            Path f = root.resolve((i % 2 == 0 ? "a" : "b") + "/img-" + String.format("%03d", i) + ".png");
            Files.createDirectories(f.getParent());
            ImageIO.write(img, "png", f.toFile());
        }
    }
}
