package org.cir4j.world.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.cir4j.world.io.Json;
import org.cir4j.world.io.PngEncoder;
import org.cir4j.world.sample.GarmentSceneSampler;
import org.cir4j.world.sample.Seeds;
import org.cir4j.world.sample.ShapeSceneSampler;
import org.cir4j.world.scene.Background;
import org.cir4j.world.scene.BackgroundColour;
import org.cir4j.world.scene.Colour;
import org.cir4j.world.scene.Frame;
import org.cir4j.world.scene.GarmentScene;
import org.cir4j.world.scene.GarmentView;
import org.cir4j.world.scene.Jitter;
import org.cir4j.world.scene.Orientation;
import org.cir4j.world.scene.Pattern;
import org.cir4j.world.scene.Scene;
import org.cir4j.world.scene.SceneObject;
import org.cir4j.world.scene.ShapeKind;
import org.cir4j.world.scene.ShapeScene;
import org.cir4j.world.scene.Size;
import org.cir4j.world.scene.Texture;
import org.junit.jupiter.api.Test;

/** Rendering is a pure function of the scene; attributes show up in the pixels; PNGs decode losslessly. */
class SceneRendererTest {
    private final SceneRenderer renderer = new SceneRenderer(96);

    @Test
    void sameSceneSamePixelsAndJsonRoundTripRendersIdentically() throws Exception {
        ShapeSceneSampler ss = new ShapeSceneSampler();
        GarmentSceneSampler gs = new GarmentSceneSampler();
        for (int i = 0; i < 20; i++) {
            SplittableRandom rng = Seeds.stream(5, "render", i);
            Scene s = i % 2 == 0 ? ss.sample(rng) : gs.sample(rng);
            Scene back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(s), Scene.class);
            assertThat(back).isEqualTo(s);
            assertThat(pixels(renderer.render(back))).isEqualTo(pixels(renderer.render(s)));
        }
    }

    @Test
    void pngEncoderIsLosslessAndStandard() throws Exception {
        GarmentSceneSampler gs = new GarmentSceneSampler();
        for (int i = 0; i < 10; i++) {
            BufferedImage img = renderer.render(gs.sample(Seeds.stream(6, "png", i)));
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(img)));
            assertThat(decoded.getWidth()).isEqualTo(img.getWidth());
            assertThat(decoded.getHeight()).isEqualTo(img.getHeight());
            for (int y = 0; y < img.getHeight(); y++) {
                for (int x = 0; x < img.getWidth(); x++) {
                    assertThat(decoded.getRGB(x, y) & 0xFFFFFF).isEqualTo(img.getRGB(x, y) & 0xFFFFFF);
                }
            }
        }
    }

    @Test
    void garmentFramesGiveTheRequestedAspectAtTheShortSide() {
        GarmentScene base = new GarmentSceneSampler().sample(Seeds.stream(1, "frame", 0));
        for (Frame f : Frame.values()) {
            GarmentScene s = new GarmentScene(base.background(), f, GarmentView.STANDARD, base.garment(), base.jitter(), 0, 0);
            BufferedImage img = renderer.render(s);
            assertThat(Math.min(img.getWidth(), img.getHeight())).as(f.ratio()).isEqualTo(96);
            assertThat(img.getWidth()).isEqualTo(f.width(96));
            assertThat(img.getHeight()).isEqualTo(f.height(96));
        }
        assertThat(Frame.TALL_1_2.height(96)).isEqualTo(192);
        assertThat(Frame.LANDSCAPE_4_3.width(96)).isEqualTo(128);
    }

    @Test
    void plainObjectsShowTheirColourAndPatternsAddAContrastingInk() {
        Background bg = new Background(BackgroundColour.WHITE, Texture.PLAIN, 0, 1);
        for (Colour c : Colour.values()) {
            if (!c.contrastsWith(BackgroundColour.WHITE)) {
                continue;
            }
            SceneObject o = new SceneObject(ShapeKind.CIRCLE, c, Size.LARGE, Pattern.PLAIN, Orientation.UPRIGHT, 0.5, 0.5,
                    Jitter.NONE);
            BufferedImage plain = renderer.render(new ShapeScene(bg, List.of(o)));
            assertThat(plain.getRGB(48, 48) & 0xFFFFFF).as(c.word()).isEqualTo(c.rgb());
            assertThat(plain.getRGB(2, 2) & 0xFFFFFF).isEqualTo(BackgroundColour.WHITE.rgb());
            for (Pattern p : List.of(Pattern.STRIPED, Pattern.DOTTED)) {
                BufferedImage patterned = renderer.render(new ShapeScene(bg, List.of(o.withPattern(p))));
                assertThat(coloursInCentre(patterned)).as(c + " " + p).isGreaterThan(coloursInCentre(plain) + 1);
            }
        }
    }

    @Test
    void sizeClassesAndOrientationChangeTheFootprint() {
        Background bg = new Background(BackgroundColour.BLACK, Texture.PLAIN, 0, 1);
        int previous = 0;
        for (Size s : Size.values()) {
            SceneObject o = new SceneObject(ShapeKind.SQUARE, Colour.WHITE, s, Pattern.PLAIN, Orientation.UPRIGHT,
                    0.5, 0.5, Jitter.NONE);
            int area = nonBackground(renderer.render(new ShapeScene(bg, List.of(o))), BackgroundColour.BLACK.rgb());
            assertThat(area).as(s.word()).isGreaterThan((int) (previous * 1.5));
            previous = area;
        }
        SceneObject tri = new SceneObject(ShapeKind.TRIANGLE, Colour.WHITE, Size.LARGE, Pattern.PLAIN,
                Orientation.UPRIGHT, 0.5, 0.5, Jitter.NONE);
        BufferedImage up = renderer.render(new ShapeScene(bg, List.of(tri)));
        BufferedImage down = renderer.render(new ShapeScene(bg, List.of(tri.withOrientation(Orientation.UPSIDE_DOWN))));
        // A large triangle spans rows ~28..61 upright (apex on top) and ~35..68 upside down.
        assertThat(rowWidth(up, 58)).isGreaterThan(2 * rowWidth(up, 33));
        assertThat(rowWidth(down, 38)).isGreaterThan(2 * rowWidth(down, 63));
        assertThat(rowWidth(up, 33)).isPositive();
        assertThat(rowWidth(down, 63)).isPositive();
    }

    @Test
    void speckledBackgroundsDifferFromPlainOnes() {
        Background plain = new Background(BackgroundColour.BEIGE, Texture.PLAIN, 0, 11);
        SceneObject o = new SceneObject(ShapeKind.STAR, Colour.RED, Size.SMALL, Pattern.PLAIN, Orientation.UPRIGHT,
                0.5, 0.5, Jitter.NONE);
        int a = nonBackground(renderer.render(new ShapeScene(plain, List.of(o))), BackgroundColour.BEIGE.rgb());
        int b = nonBackground(renderer.render(new ShapeScene(plain.withTexture(Texture.SPECKLED), List.of(o))),
                BackgroundColour.BEIGE.rgb());
        assertThat(b - a).as("speckle pixels").isGreaterThan(500);
    }

    @Test
    void rejectsAbsurdResolutions() {
        assertThatThrownBy(() -> new SceneRenderer(16)).hasMessageContaining("found 16");
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    private static int coloursInCentre(BufferedImage img) {
        Set<Integer> cs = new HashSet<>();
        for (int y = 36; y < 60; y++) {
            for (int x = 36; x < 60; x++) {
                cs.add(img.getRGB(x, y));
            }
        }
        return cs.size();
    }

    private static int nonBackground(BufferedImage img, int bg) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xFFFFFF) == bg ? 0 : 1;
            }
        }
        return n;
    }

    private static int rowWidth(BufferedImage img, int y) {
        int n = 0;
        for (int x = 0; x < img.getWidth(); x++) {
            n += (img.getRGB(x, y) & 0xFF) > 128 ? 1 : 0;
        }
        return n;
    }
}
