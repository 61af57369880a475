package org.cir4j.world;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.cir4j.world.io.WorldFiles;
import org.cir4j.world.render.SceneRenderer;
import org.cir4j.world.sample.Draw;
import org.cir4j.world.sample.GarmentSceneSampler;
import org.cir4j.world.sample.Placer;
import org.cir4j.world.sample.Seeds;
import org.cir4j.world.sample.ShapeSceneSampler;
import org.cir4j.world.scene.Background;
import org.cir4j.world.scene.BackgroundColour;
import org.cir4j.world.scene.Colour;
import org.cir4j.world.scene.Frame;
import org.cir4j.world.scene.Garment;
import org.cir4j.world.scene.GarmentCategory;
import org.cir4j.world.scene.GarmentLength;
import org.cir4j.world.scene.GarmentScene;
import org.cir4j.world.scene.GarmentView;
import org.cir4j.world.scene.Neckline;
import org.cir4j.world.scene.Orientation;
import org.cir4j.world.scene.Pattern;
import org.cir4j.world.scene.PrintMotif;
import org.cir4j.world.scene.Scene;
import org.cir4j.world.scene.SceneObject;
import org.cir4j.world.scene.ShapeKind;
import org.cir4j.world.scene.ShapeScene;
import org.cir4j.world.scene.Size;
import org.cir4j.world.scene.SleeveLength;
import org.cir4j.world.scene.Texture;

/**
 * A visual check that every attribute is readable at the chosen resolution: one row per attribute
 * value, each row a handful of renderings where that value is fixed and everything else random.
 * Rendered at the world's resolution without any rescaling, so what the sheet shows is what the model
 * gets.
 */
public final class ContactSheet {
    private static final int SAMPLES = 8;
    private static final int LABEL_WIDTH = 230;
    private static final int PAD = 4;
    private static final List<ShapeKind> ORIENTABLE =
            List.of(ShapeKind.TRIANGLE, ShapeKind.STAR, ShapeKind.HEART, ShapeKind.PENTAGON);

    private ContactSheet() {}

    /** Renders the sheet for {@code domain} and writes it atomically as PNG. */
    public static void write(Path png, Domain domain, int resolution, long seed) throws IOException {
        BufferedImage img = domain == Domain.SHAPES ? shapes(resolution, seed) : garments(resolution, seed);
        WorldFiles.writePng(png, img);
    }

    public static BufferedImage shapes(int resolution, long seed) {
        ShapeSceneSampler sampler = new ShapeSceneSampler();
        List<Row> rows = new ArrayList<>();
        for (ShapeKind k : ShapeKind.values()) {
            rows.add(shapeRow("shape: " + k, sampler, seed, o -> o.withShape(k).withOrientation(Orientation.UPRIGHT)));
        }
        for (Colour c : Colour.values()) {
            rows.add(shapeRow("colour: " + c, sampler, seed, o -> o.withColour(c)));
        }
        for (Size s : Size.values()) {
            rows.add(shapeRow("size: " + s, sampler, seed, o -> o.withSize(s)));
        }
        for (Pattern p : ShapeSceneSampler.SHAPE_PATTERNS) {
            rows.add(shapeRow("pattern: " + p, sampler, seed, o -> o.withPattern(p)));
        }
        for (Orientation or : Orientation.values()) {
            // Only orientable shapes show orientation; pick one from the object's own (seeded) jitter,
            // never from a hash code (enum hash codes differ between JVM runs).
            rows.add(shapeRow("orientation: " + or, sampler, seed, o -> o.withShape(ORIENTABLE.get(
                    Math.floorMod((int) Math.floor(o.jitter().shade() * 1000), ORIENTABLE.size()))).withOrientation(or)));
        }
        for (BackgroundColour b : BackgroundColour.values()) {
            for (Texture t : Texture.values()) {
                rows.add(sceneRow("background: " + b + ", " + t, i -> {
                    SplittableRandom rng = Seeds.stream(seed, "sheet-bg-" + b + t, i);
                    ShapeScene s = sampler.sample(rng);
                    return recolourFor(s, sampler.background(rng, b, t), rng);
                }));
            }
        }
        return compose(rows, resolution);
    }

    public static BufferedImage garments(int resolution, long seed) {
        GarmentSceneSampler sampler = new GarmentSceneSampler();
        List<Row> rows = new ArrayList<>();
        for (GarmentCategory c : GarmentCategory.values()) {
            rows.add(garmentRow("category: " + c, sampler, seed, g -> g.withCategory(c)));
        }
        for (Colour c : Colour.values()) {
            rows.add(garmentRow("colour: " + c, sampler, seed, g -> g.withColour(c)));
        }
        for (SleeveLength s : SleeveLength.values()) {
            rows.add(garmentRow("sleeves: " + s, sampler, seed, g -> g.withSleeves(s)));
        }
        for (Neckline n : Neckline.values()) {
            rows.add(garmentRow("neckline: " + n, sampler, seed, g -> g.withNeckline(n)));
        }
        for (GarmentLength l : GarmentLength.values()) {
            rows.add(garmentRow("length: " + l, sampler, seed, g -> g.withLength(l)));
        }
        for (Pattern p : Pattern.values()) {
            rows.add(garmentRow("pattern: " + p, sampler, seed, g -> g.withPattern(p)));
        }
        for (PrintMotif m : PrintMotif.values()) {
            rows.add(garmentRow("print: " + m, sampler, seed,
                    g -> g.withPrint(m, m == PrintMotif.NONE ? 0 : Math.max(1, g.printCount()))));
        }
        for (int n = 1; n <= Garment.MAX_PRINTS; n++) {
            int count = n;
            rows.add(garmentRow("prints: " + n, sampler, seed,
                    g -> g.withPrint(g.print() == PrintMotif.NONE ? PrintMotif.STAR : g.print(), count)));
        }
        for (GarmentView v : GarmentView.values()) {
            rows.add(sceneRow("view: " + v, i -> {
                SplittableRandom rng = Seeds.stream(seed, "sheet-view-" + v, i);
                return square(sampler.sample(rng)).withView(v);
            }));
        }
        for (BackgroundColour b : BackgroundColour.values()) {
            rows.add(sceneRow("background: " + b, i -> {
                SplittableRandom rng = Seeds.stream(seed, "sheet-gbg-" + b, i);
                GarmentScene s = square(sampler.sample(rng)).withView(GarmentView.STANDARD);
                Background bg = sampler.background(rng, b, i % 2 == 0 ? Texture.PLAIN : Texture.SPECKLED);
                Garment g = s.garment().colour().contrastsWith(b) ? s.garment()
                        : s.garment().withColour(ShapeSceneSampler.colourOn(rng, b));
                return s.withBackground(bg).withGarment(g);
            }));
        }
        for (Frame f : Frame.values()) {
            rows.add(sceneRow("frame: " + f, i -> {
                SplittableRandom rng = Seeds.stream(seed, "sheet-frame-" + f, i);
                GarmentScene s = sampler.sample(rng);
                return new GarmentScene(s.background(), f, GarmentView.STANDARD, s.garment(), s.jitter(), 0, 0);
            }));
        }
        return compose(rows, resolution);
    }

    private static GarmentScene square(GarmentScene s) {
        return new GarmentScene(s.background(), Frame.SQUARE, s.view(), s.garment(), s.jitter(), s.offsetX(), s.offsetY());
    }

    /** Single-object scenes with the object edited by {@code fix}, on a background it contrasts with. */
    private static Row shapeRow(String label, ShapeSceneSampler sampler, long seed, UnaryOperator<SceneObject> fix) {
        return new Row(label, i -> {
            SplittableRandom rng = Seeds.stream(seed, "sheet-" + label, i);
            SceneObject o = fix.apply(sampler.randomObject(rng, BackgroundColour.WHITE));
            List<BackgroundColour> ok = new ArrayList<>();
            for (BackgroundColour b : BackgroundColour.values()) {
                if (o.colour().contrastsWith(b)) {
                    ok.add(b);
                }
            }
            Background bg = sampler.background(rng, Draw.one(rng, ok), Texture.PLAIN);
            return new ShapeScene(bg, Placer.place(List.of(o), rng).orElseThrow());
        });
    }

    private static Row garmentRow(String label, GarmentSceneSampler sampler, long seed, UnaryOperator<Garment> fix) {
        return new Row(label, i -> {
            SplittableRandom rng = Seeds.stream(seed, "sheet-" + label, i);
            GarmentScene s = square(sampler.sample(rng)).withView(GarmentView.STANDARD);
            Garment g = fix.apply(s.garment());
            Background bg = g.colour().contrastsWith(s.background().colour()) ? s.background()
                    : sampler.background(rng, BackgroundColour.WHITE.equals(s.background().colour())
                            ? BackgroundColour.NAVY : BackgroundColour.WHITE, Texture.PLAIN);
            if (!g.colour().contrastsWith(bg.colour())) {
                bg = sampler.background(rng, BackgroundColour.BEIGE, Texture.PLAIN);
            }
            return s.withGarment(g).withBackground(bg);
        });
    }

    private static Row sceneRow(String label, java.util.function.IntFunction<Scene> make) {
        return new Row(label, make);
    }

    /** Keeps the objects of {@code s} but moves them to {@code bg}, recolouring those it would hide. */
    private static ShapeScene recolourFor(ShapeScene s, Background bg, SplittableRandom rng) {
        List<SceneObject> objs = new ArrayList<>();
        for (SceneObject o : s.objects()) {
            objs.add(o.colour().contrastsWith(bg.colour()) ? o : o.withColour(ShapeSceneSampler.colourOn(rng, bg.colour())));
        }
        return new ShapeScene(bg, objs);
    }

    private record Row(String label, java.util.function.IntFunction<Scene> make) {}

    private static BufferedImage compose(List<Row> rows, int resolution) {
        SceneRenderer renderer = new SceneRenderer(resolution);
        List<BufferedImage[]> rendered = new ArrayList<>();
        int width = 0;
        int height = 0;
        for (Row r : rows) {
            BufferedImage[] cells = new BufferedImage[SAMPLES];
            int w = LABEL_WIDTH;
            int h = 0;
            for (int i = 0; i < SAMPLES; i++) {
                cells[i] = renderer.render(r.make().apply(i));
                w += cells[i].getWidth() + PAD;
                h = Math.max(h, cells[i].getHeight());
            }
            rendered.add(cells);
            width = Math.max(width, w);
            height += h + PAD;
        }
        BufferedImage sheet = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(new Color(128, 128, 128));
            g.fillRect(0, 0, width, height);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            int y = 0;
            for (int r = 0; r < rows.size(); r++) {
                BufferedImage[] cells = rendered.get(r);
                int h = 0;
                for (BufferedImage c : cells) {
                    h = Math.max(h, c.getHeight());
                }
                g.setColor(Color.WHITE);
                g.drawString(rows.get(r).label(), 6, y + h / 2 + 5);
                int x = LABEL_WIDTH;
                for (BufferedImage c : cells) {
                    g.drawImage(c, x, y, null);
                    x += c.getWidth() + PAD;
                }
                y += h + PAD;
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }
}
