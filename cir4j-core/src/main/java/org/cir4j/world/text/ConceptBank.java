package org.cir4j.world.text;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cir4j.world.Domain;
import org.cir4j.world.sample.GarmentSceneSampler;
import org.cir4j.world.sample.Seeds;
import org.cir4j.world.sample.ShapeSceneSampler;
import org.cir4j.world.scene.Background;
import org.cir4j.world.scene.Colour;
import org.cir4j.world.scene.Garment;
import org.cir4j.world.scene.GarmentCategory;
import org.cir4j.world.scene.GarmentScene;
import org.cir4j.world.scene.Pattern;
import org.cir4j.world.scene.SceneObject;
import org.cir4j.world.scene.ShapeKind;
import org.cir4j.world.scene.ShapeScene;

/**
 * The concept vocabulary and phrase bank for iSEARLE's GPT-powered regularisation, in the same
 * format a user supplies for a real CLIP: concepts are the world's nouns (shapes, garment categories)
 * plus their colour and pattern compounds ("red circle", "striped dress", like Open Images' compound
 * class names), and each concept gets phrases {@code "a photo of {concept} that …"} written by the
 * caption grammar about a sampled scene showing that concept — the stand-in for GPT-Neo's
 * continuations. Every phrase contains its concept verbatim (iSEARLE drops concepts whose phrases do not).
 */
public final class ConceptBank {
    private ConceptBank() {}

    /** Concepts of a domain, nouns first, then colour and pattern compounds. */
    public static List<String> concepts(Domain domain) {
        List<String> out = new ArrayList<>();
        for (Concept c : all(domain)) {
            out.add(c.text());
        }
        return out;
    }

    /**
     * Up to {@code perConcept} distinct phrases per concept (deterministic in {@code seed}).
     *
     * @return insertion-ordered map concept → phrases
     */
    public static Map<String, List<String>> phrases(Domain domain, int perConcept, long seed) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        ShapeSceneSampler shapes = new ShapeSceneSampler();
        GarmentSceneSampler garments = new GarmentSceneSampler();
        for (Concept c : all(domain)) {
            SplittableRandom rng = Seeds.stream(seed, "phrases/" + domain + "/" + c.text(), 0);
            LinkedHashSet<String> ps = new LinkedHashSet<>();
            for (int t = 0; t < perConcept * 20 && ps.size() < perConcept; t++) {
                String clause = domain == Domain.SHAPES ? shapeClause(c, shapes, rng) : garmentClause(c, garments, rng);
                if (clause != null) {
                    ps.add(Words.fixArticles("a photo of " + c.text() + " that " + clause));
                }
            }
            out.put(c.text(), new ArrayList<>(ps));
        }
        return out;
    }

    /** A noun with at most one adjective (colour or pattern). */
    private record Concept(String text, Object noun, Colour colour, Pattern pattern) {}

    private static List<Concept> all(Domain domain) {
        List<Concept> out = new ArrayList<>();
        List<Object> nouns = new ArrayList<>();
        List<Pattern> patterns;
        if (domain == Domain.SHAPES) {
            nouns.addAll(List.of(ShapeKind.values()));
            patterns = List.of(Pattern.STRIPED, Pattern.DOTTED);
        } else {
            nouns.addAll(List.of(GarmentCategory.values()));
            patterns = List.of(Pattern.STRIPED, Pattern.DOTTED, Pattern.CHECKED);
        }
        for (Object n : nouns) {
            out.add(new Concept(noun(n), n, null, null));
        }
        for (Object n : nouns) {
            for (Colour c : Colour.values()) {
                out.add(new Concept(c.word() + " " + noun(n), n, c, null));
            }
        }
        for (Object n : nouns) {
            for (Pattern p : patterns) {
                out.add(new Concept(p.word() + " " + noun(n), n, null, p));
            }
        }
        return out;
    }

    private static String noun(Object n) {
        return n instanceof ShapeKind k ? k.noun() : ((GarmentCategory) n).noun();
    }

    private static String shapeClause(Concept c, ShapeSceneSampler sampler, SplittableRandom rng) {
        ShapeScene s = sampler.sample(rng);
        int i = rng.nextInt(s.objects().size());
        SceneObject o = s.objects().get(i).withShape((ShapeKind) c.noun());
        EnumSet<ShapeCaptions.Attr> known = EnumSet.noneOf(ShapeCaptions.Attr.class);
        if (c.colour() != null) {
            o = o.withColour(c.colour());
            known.add(ShapeCaptions.Attr.COLOUR);
        }
        if (c.pattern() != null) {
            o = o.withPattern(c.pattern());
            known.add(ShapeCaptions.Attr.PATTERN);
        }
        if (!o.colour().contrastsWith(s.background().colour())) {
            return null;
        }
        List<SceneObject> objs = new ArrayList<>(s.objects());
        objs.set(i, o);
        return ShapeCaptions.clauseAbout(new ShapeScene(s.background(), objs), o, known, rng);
    }

    private static String garmentClause(Concept c, GarmentSceneSampler sampler, SplittableRandom rng) {
        GarmentScene s = sampler.sample(rng);
        Garment g = s.garment().withCategory((GarmentCategory) c.noun());
        EnumSet<GarmentCaptions.Attr> known = EnumSet.noneOf(GarmentCaptions.Attr.class);
        if (c.colour() != null) {
            g = g.withColour(c.colour());
            known.add(GarmentCaptions.Attr.COLOUR);
        }
        if (c.pattern() != null) {
            g = g.withPattern(c.pattern());
            known.add(GarmentCaptions.Attr.PATTERN);
        }
        Background bg = s.background();
        if (!g.colour().contrastsWith(bg.colour())) {
            return null;
        }
        return GarmentCaptions.clauseAbout(s.withGarment(g), known, rng);
    }
}
