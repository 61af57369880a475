package org.cir4j.world.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import org.cir4j.world.Domain;
import org.cir4j.world.sample.GarmentSceneSampler;
import org.cir4j.world.sample.Seeds;
import org.cir4j.world.sample.ShapeSceneSampler;
import org.cir4j.world.scene.GarmentScene;
import org.cir4j.world.scene.SceneObject;
import org.cir4j.world.scene.ShapeKind;
import org.cir4j.world.scene.ShapeScene;
import org.junit.jupiter.api.Test;

/** Absolute captions are true of their scenes; the phrase bank follows iSEARLE's format. */
class CaptionsTest {
    private static final java.util.regex.Pattern SHAPE_WORD = java.util.regex.Pattern.compile(
            "\\b(no )?(circle|square|triangle|star|heart|hexagon|cross|diamond|pentagon)(e?s)?\\b");

    @Test
    void shapeCaptionsNameOnlyPresentShapesAndOnlyAbsentOnesAfterNo() {
        ShapeSceneSampler sampler = new ShapeSceneSampler();
        int negatives = 0;
        for (int i = 0; i < 300; i++) {
            SplittableRandom rng = Seeds.stream(9, "caps", i);
            ShapeScene s = sampler.sample(rng);
            Set<ShapeKind> present = EnumSet.noneOf(ShapeKind.class);
            for (SceneObject o : s.objects()) {
                present.add(o.shape());
            }
            List<String> caps = ShapeCaptions.captions(s, 5, rng);
            assertThat(caps).hasSize(5).doesNotHaveDuplicates();
            for (String c : caps) {
                Matcher m = SHAPE_WORD.matcher(c);
                while (m.find()) {
                    ShapeKind k = ShapeKind.valueOf(m.group(2).toUpperCase());
                    if (m.group(1) != null) {
                        negatives++;
                        assertThat(present).as("'" + c + "' negates a present shape").doesNotContain(k);
                    } else {
                        assertThat(present).as("'" + c + "' names an absent shape").contains(k);
                    }
                }
                assertThat(c).doesNotMatch(".*\\ba [aeiou].*").doesNotContain("  ");
            }
        }
        assertThat(negatives).isGreaterThan(50);
    }

    @Test
    void clauseFormsAreInTheZeroShotPromptShape() {
        ShapeSceneSampler ss = new ShapeSceneSampler();
        GarmentSceneSampler gs = new GarmentSceneSampler();
        int shapeClauses = 0;
        int garmentClauses = 0;
        for (int i = 0; i < 200; i++) {
            SplittableRandom rng = Seeds.stream(10, "clause", i);
            for (String c : ShapeCaptions.captions(ss.sample(rng), 5, rng)) {
                shapeClauses += c.matches("(a photo of )?an? [a-z]+ that (is|has) .+") ? 1 : 0;
            }
            GarmentScene g = gs.sample(rng);
            for (String c : GarmentCaptions.captions(g, 5, rng)) {
                garmentClauses += c.matches(".*an? (dress|shirt|top|coat) that (is|has) .+") ? 1 : 0;
                assertThat(c).contains(g.garment().category().noun());
            }
        }
        assertThat(shapeClauses).isGreaterThan(50);
        assertThat(garmentClauses).isGreaterThan(50);
    }

    @Test
    void phraseBankContinuesAPhotoOfEachConcept() {
        for (Domain d : Domain.values()) {
            List<String> concepts = ConceptBank.concepts(d);
            assertThat(concepts).doesNotHaveDuplicates().contains(d == Domain.SHAPES ? "red circle" : "striped dress");
            Map<String, List<String>> phrases = ConceptBank.phrases(d, 6, 4);
            assertThat(phrases.keySet()).containsExactlyElementsOf(concepts);
            phrases.forEach((c, ps) -> {
                assertThat(ps).as(c).hasSize(6).doesNotHaveDuplicates()
                        .allSatisfy(p -> assertThat(p).startsWith("a photo of " + c + " that "));
            });
            assertThat(ConceptBank.phrases(d, 6, 4)).isEqualTo(phrases);
        }
        assertThat(ConceptBank.concepts(Domain.SHAPES)).hasSize(9 + 9 * 12 + 9 * 2);
        assertThat(ConceptBank.concepts(Domain.GARMENTS)).hasSize(4 + 4 * 12 + 4 * 3);
    }

    @Test
    void wordsFillSlotsAndArticles() {
        assertThat(Words.fill("add {new} to {the}", Map.of("new", "a orange star", "the", "the circle")))
                .isEqualTo("add an orange star to the circle");
        assertThat(Words.list(List.of("a", "b", "c"))).isEqualTo("a, b and c");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Words.fill("make {the} {v}", Map.of("the", "x")))
                .hasMessageContaining("{v}").hasMessageContaining("make {the} {v}");
    }
}
