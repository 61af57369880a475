package org.cir4j.eval.clip;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.cir4j.world.Domain;
import org.cir4j.world.scene.BackgroundColour;
import org.cir4j.world.scene.Colour;
import org.cir4j.world.scene.GarmentCategory;
import org.cir4j.world.scene.GarmentLength;
import org.cir4j.world.scene.GarmentScene;
import org.cir4j.world.scene.Neckline;
import org.cir4j.world.scene.Numbers;
import org.cir4j.world.scene.Pattern;
import org.cir4j.world.scene.PrintMotif;
import org.cir4j.world.scene.Scene;
import org.cir4j.world.scene.ShapeKind;
import org.cir4j.world.scene.ShapeScene;
import org.cir4j.world.scene.Size;
import org.cir4j.world.scene.SleeveLength;
import org.cir4j.world.scene.Texture;
import org.cir4j.world.sample.ShapeSceneSampler;
import org.cir4j.world.text.Words;

/**
 * The zero-shot tasks of each domain, with prompts written in the world's absolute-caption grammar
 * ({@code ShapeCaptions}, {@code GarmentCaptions}): noun phrases ("a red star"), clause forms ("a star
 * that is striped", "a dress that has long sleeves"), counting phrases ("three shapes") and backgrounds
 * ("a star on a speckled navy background"), each behind the world's caption prefixes.
 *
 * <p>Object attributes of the shapes domain are scored on single-object scenes only (with several
 * objects "the colour" of the image is not defined); count and background on every scene.
 */
public final class AttributeTasks {
    static final List<String> SHAPE_PREFIXES = List.of("", "a photo of ", "a picture of ", "an image of ", "a drawing of ");
    static final List<String> GARMENT_PREFIXES = List.of("", "a photo of ", "a picture of ", "an image of ",
            "a product photo of ");
    /** The clause family writes "a photo of " or nothing before "a star that …". */
    static final List<String> CLAUSE_PREFIXES = List.of("", "a photo of ");

    private AttributeTasks() {}

    public static List<AttributeTask> of(Domain domain) {
        return domain == Domain.SHAPES ? shapes() : garments();
    }

    static List<AttributeTask> shapes() {
        List<AttributeTask> tasks = new ArrayList<>();
        tasks.add(single("shape", o -> o.shape().noun(), prompts(ShapeKind.values(), ShapeKind::noun, k -> {
            List<String> p = new ArrayList<>();
            SHAPE_PREFIXES.forEach(pre -> p.add(pre + Words.a(k.noun())));
            return p;
        })));
        tasks.add(single("colour", o -> o.colour().word(), prompts(Colour.values(), Colour::word,
                c -> adjectiveOverShapes(c.word(), true))));
        tasks.add(single("size", o -> o.size().word(), prompts(Size.values(), Size::word,
                s -> adjectiveOverShapes(s.word(), true))));
        // A plain pattern is never said in a noun phrase ("a plain star" is not in the grammar): clauses only.
        // Only the patterns shapes are drawn with: "checked" is a garment pattern that no shape has and no
        // shape caption says; as a fourth class it could only take predictions away from true ones.
        tasks.add(single("pattern", o -> o.pattern().word(), prompts(
                ShapeSceneSampler.SHAPE_PATTERNS.toArray(new Pattern[0]), Pattern::word,
                p -> adjectiveOverShapes(p.word(), false))));
        Map<String, List<String>> counts = new LinkedHashMap<>();
        for (int n = 1; n <= ShapeScene.MAX_OBJECTS; n++) {
            List<String> p = new ArrayList<>();
            for (String noun : List.of("shape", "object")) {
                String what = n == 1 ? "a single " + noun : Numbers.word(n) + " " + noun + "s";
                SHAPE_PREFIXES.forEach(pre -> p.add(pre + what));
            }
            counts.put(Integer.toString(n), p);
        }
        tasks.add(new AttributeTask("count", s -> true, s -> Integer.toString(((ShapeScene) s).objects().size()), counts));
        tasks.add(new AttributeTask("background", s -> true, s -> ((ShapeScene) s).background().colour().word(),
                backgrounds(nounsOfShapes(), SHAPE_PREFIXES)));
        return tasks;
    }

    static List<AttributeTask> garments() {
        List<AttributeTask> tasks = new ArrayList<>();
        tasks.add(garment("category", g -> g.garment().category().noun(), prompts(GarmentCategory.values(),
                GarmentCategory::noun, c -> {
                    List<String> p = new ArrayList<>();
                    GARMENT_PREFIXES.forEach(pre -> p.add(pre + Words.a(c.noun())));
                    return p;
                })));
        tasks.add(garment("colour", g -> g.garment().colour().word(), prompts(Colour.values(), Colour::word, c -> {
            List<String> p = new ArrayList<>();
            for (GarmentCategory cat : GarmentCategory.values()) {
                GARMENT_PREFIXES.forEach(pre -> p.add(pre + Words.a(c.word() + " " + cat.noun())));
                CLAUSE_PREFIXES.forEach(pre -> p.add(pre + Words.a(cat.noun()) + " that is " + c.word()));
            }
            return p;
        })));
        tasks.add(garment("pattern", g -> g.garment().pattern().word(), prompts(Pattern.values(), Pattern::word, pat -> {
            List<String> p = new ArrayList<>();
            for (GarmentCategory cat : GarmentCategory.values()) {
                CLAUSE_PREFIXES.forEach(pre -> p.add(pre + Words.a(cat.noun()) + " that is " + pat.word()));
            }
            return p;
        })));
        tasks.add(garment("length", g -> g.garment().length().id(), prompts(GarmentLength.values(), GarmentLength::id, l -> {
            List<String> p = new ArrayList<>();
            for (GarmentCategory cat : GarmentCategory.values()) {
                String word = l.word(cat);
                GARMENT_PREFIXES.forEach(pre -> p.add(pre + Words.a(word + " " + cat.noun())));
                CLAUSE_PREFIXES.forEach(pre -> p.add(pre + Words.a(cat.noun()) + " that is " + word));
            }
            return p;
        })));
        tasks.add(garment("sleeves", g -> g.garment().sleeves().id(), prompts(SleeveLength.values(), SleeveLength::id,
                s -> withOrHas(s.nounPhrase()))));
        tasks.add(garment("neckline", g -> g.garment().neckline().id(), prompts(Neckline.values(), Neckline::id,
                n -> withOrHas(n.nounPhrase()))));
        tasks.add(garment("print", g -> g.garment().print().noun(), prompts(PrintMotif.values(), PrintMotif::noun, m -> {
            // The world says "a dress with a star print" / "a dress with no print" (one motif; counts vary).
            return withOrHas(m == PrintMotif.NONE ? "no print" : Words.a(m.noun() + " print"));
        })));
        List<String> nouns = new ArrayList<>();
        for (GarmentCategory c : GarmentCategory.values()) {
            nouns.add(c.noun());
        }
        tasks.add(new AttributeTask("background", s -> s instanceof GarmentScene,
                s -> ((GarmentScene) s).background().colour().word(), backgrounds(nouns, GARMENT_PREFIXES)));
        return tasks;
    }

    /** "{prefix}a {adj} {shape}" (if {@code nounPhrase}) and "{prefix}a {shape} that is {adj}", over all shapes. */
    private static List<String> adjectiveOverShapes(String adjective, boolean nounPhrase) {
        List<String> p = new ArrayList<>();
        for (ShapeKind k : ShapeKind.values()) {
            if (nounPhrase) {
                SHAPE_PREFIXES.forEach(pre -> p.add(pre + Words.a(adjective + " " + k.noun())));
            }
            CLAUSE_PREFIXES.forEach(pre -> p.add(pre + Words.a(k.noun()) + " that is " + adjective));
        }
        return p;
    }

    /** "{prefix}a {garment} with {phrase}" and "{prefix}a {garment} that has {phrase}", over all categories. */
    private static List<String> withOrHas(String phrase) {
        List<String> p = new ArrayList<>();
        for (GarmentCategory cat : GarmentCategory.values()) {
            GARMENT_PREFIXES.forEach(pre -> p.add(pre + Words.a(cat.noun()) + " with " + phrase));
            CLAUSE_PREFIXES.forEach(pre -> p.add(pre + Words.a(cat.noun()) + " that has " + phrase));
        }
        return p;
    }

    /** "{prefix}a {noun} on a [speckled ]{colour} background" over nouns and both textures. */
    private static Map<String, List<String>> backgrounds(List<String> nouns, List<String> prefixes) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (BackgroundColour b : BackgroundColour.values()) {
            List<String> p = new ArrayList<>();
            for (String noun : nouns) {
                for (Texture t : Texture.values()) {
                    String bg = (t == Texture.SPECKLED ? "speckled " : "") + b.word();
                    prefixes.forEach(pre -> p.add(pre + Words.a(noun) + " on a " + bg + " background"));
                }
            }
            out.put(b.word(), p);
        }
        return out;
    }

    private static List<String> nounsOfShapes() {
        List<String> nouns = new ArrayList<>();
        for (ShapeKind k : ShapeKind.values()) {
            nouns.add(k.noun());
        }
        return nouns;
    }

    private static <E> Map<String, List<String>> prompts(E[] values, Function<E, String> label,
                                                         Function<E, List<String>> prompts) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (E v : values) {
            out.put(label.apply(v), prompts.apply(v));
        }
        return out;
    }

    private static AttributeTask single(String name, Function<org.cir4j.world.scene.SceneObject, String> truth,
                                        Map<String, List<String>> prompts) {
        return new AttributeTask(name, s -> s instanceof ShapeScene ss && ss.objects().size() == 1,
                s -> truth.apply(((ShapeScene) s).objects().get(0)), prompts);
    }

    private static AttributeTask garment(String name, Function<GarmentScene, String> truth,
                                         Map<String, List<String>> prompts) {
        return new AttributeTask(name, s -> s instanceof GarmentScene, s -> truth.apply((GarmentScene) s), prompts);
    }
}
