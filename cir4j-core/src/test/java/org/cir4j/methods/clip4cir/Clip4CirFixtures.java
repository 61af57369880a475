package org.cir4j.methods.clip4cir;

import ai.djl.ndarray.NDManager;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.cir4j.model.ClipConfig;
import org.cir4j.model.ClipModel;
import org.cir4j.testing.TinyDatasets;
import org.cir4j.text.WordLevelTokenizer;

/** A tiny CIRR-layout world with real PNGs and a random-init tiny CLIP directory (tests only). */
final class Clip4CirFixtures {

    static final String[] COLOURS = {"red", "green", "blue", "yellow", "black", "white"};
    private static final Color[] RGB = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW, Color.BLACK, Color.WHITE};

    private Clip4CirFixtures() {}

    /** Image {@code i}: colour {@code i % 6} background with a grey square whose size depends on {@code i / 6}. */
    static void image(Path file, int i) throws IOException {
        BufferedImage img = new BufferedImage(20, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(RGB[i % 6]);
        g.fillRect(0, 0, 20, 16);
        g.setColor(Color.GRAY);
        int s = 3 + 3 * (i / 6);
        g.fillRect(2, 2, s, s);
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    /** CIRR root with {@code train} (24 triplets over 12 images) and {@code val} (6 queries over 12 images). */
    static Path cirr(Path root) throws IOException {
        for (String split : new String[] {"train", "val"}) {
            String folder = split.equals("val") ? "dev" : "train";
            Map<String, String> names = new LinkedHashMap<>();
            for (int i = 0; i < 12; i++) {
                String name = split + "-" + i;
                names.put(name, "./" + folder + "/" + name + ".png");
                image(root.resolve(folder).resolve(name + ".png"), i);
            }
            List<Map<String, Object>> triplets = new ArrayList<>();
            int count = split.equals("train") ? 24 : 6;
            for (int q = 0; q < count; q++) {
                int ref = q % 12;
                int tgt = (ref / 6) * 6 + (ref + 1 + q / 12) % 6;
                List<String> members = new ArrayList<>();
                for (int m = 0; m < 6; m++) {
                    members.add(split + "-" + ((ref / 6) * 6 + m));
                }
                triplets.add(TinyDatasets.cirrTriplet(q, split + "-" + ref, split + "-" + tgt,
                        "make it " + COLOURS[tgt % 6], members));
            }
            TinyDatasets.writeJson(root.resolve("image_splits").resolve("split.rc2." + split + ".json"), names);
            TinyDatasets.writeJson(root.resolve("captions").resolve("cap.rc2." + split + ".json"), triplets);
        }
        return root;
    }

    /** A random-init CLIP (d=16, 16 px ViT, 1 layer each) with a word-level tokenizer, saved in {@code dir}. */
    static Path clip(Path dir, long seed) throws IOException {
        List<String> corpus = new ArrayList<>();
        for (String c : COLOURS) {
            corpus.add("make it " + c);
        }
        WordLevelTokenizer tok = WordLevelTokenizer.build(corpus, 1);
        ClipConfig cfg = new ClipConfig(1, 16, ClipConfig.Activation.QUICK_GELU, 1e-5, ClipConfig.DEFAULT_LOGIT_SCALE_INIT,
                ClipConfig.VisionConfig.vit(16, 8, 32, 1, 2),
                ClipConfig.TextConfig.of(tok.vocabSize(), 12, 32, 2, 1, tok.endId(), tok.startId(), tok.padId()));
        try (NDManager m = NDManager.newBaseManager(); ClipModel model = ClipModel.randomInit(cfg, seed, m)) {
            ClipSetup.saveModel(model, dir);
        }
        tok.save(dir);
        return dir;
    }
}
