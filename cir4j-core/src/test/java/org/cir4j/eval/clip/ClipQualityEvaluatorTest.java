package org.cir4j.eval.clip;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cir4j.model.ClipConfig;
import org.cir4j.model.ClipModel;
import org.cir4j.text.WordLevelTokenizer;
import org.cir4j.train.clip.MiniClipConfigs;
import org.cir4j.train.clip.MiniClipVocabulary;
import org.cir4j.train.clip.TinyWorld;
import org.cir4j.world.Domain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipQualityEvaluatorTest {

    @Test
    void reportCoversEveryAttributeAndRetrievalOfBothDomains(@TempDir Path dir) throws Exception {
        Path world = TinyWorld.root();
        WordLevelTokenizer tokenizer = MiniClipVocabulary.fromWorld(world);
        ClipConfig config = MiniClipConfigs.build(16, 8, 32, 1, 32, 1, 32, tokenizer);
        ClipQualityReport report;
        try (NDManager m = NDManager.newBaseManager(); ClipModel model = ClipModel.randomInit(config, 3, m)) {
            report = new ClipQualityEvaluator(model, tokenizer, 2).evaluate(world, dir, 6, 8);
        }
        assertThat(report.domains()).extracting(ClipQualityReport.DomainResult::domain)
                .containsExactly("shapes", "garments");
        Map<String, List<String>> expected = Map.of(
                "shapes", List.of("shape", "colour", "size", "pattern", "count", "background"),
                "garments", List.of("category", "colour", "pattern", "length", "sleeves", "neckline", "print",
                        "background"));
        for (ClipQualityReport.DomainResult d : report.domains()) {
            assertThat(d.attributes()).extracting(ClipQualityReport.AttributeResult::attribute)
                    .containsExactlyElementsOf(expected.get(d.domain()));
            for (ClipQualityReport.AttributeResult a : d.attributes()) {
                // Single-object attributes of shapes may find no single-object scene in a 16-image gallery.
                boolean mayBeEmpty = d.domain().equals("shapes") && !List.of("count", "background").contains(a.attribute());
                assertThat(a.images()).as(a.attribute()).isBetween(mayBeEmpty ? 0 : 1, 6);
                if (a.images() > 0) {
                    assertThat(a.accuracy()).as(a.attribute()).isBetween(0.0, 1.0);
                    assertThat(a.majority()).as(a.attribute()).isBetween(1.0 / a.classes(), 1.0);
                } else {
                    assertThat(a.accuracy()).as(a.attribute()).isNaN();
                }
                assertThat(a.prompts()).isPositive();
            }
            assertThat(d.retrieval().images()).isEqualTo(8);
            assertThat(d.retrieval().captions()).isBetween(8, 40);
            assertThat(d.retrieval().t2iR5()).isBetween(d.retrieval().t2iR1(), 1.0);
            assertThat(d.retrieval().i2tR5()).isBetween(d.retrieval().i2tR1(), 1.0);
        }
        Path md = dir.resolve("report.md");
        report.writeMarkdown(md);
        report.writeJson(dir.resolve("report.json"));
        assertThat(Files.readString(md)).contains("### shapes", "### garments", "| sleeves |", "text→image R@5");
        JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        assertThat(json.path("domains").get(1).path("attributes").size()).isEqualTo(8);
    }

    @Test
    void promptsOfAClassDifferFromOtherClassesOnlyInTheAttribute() {
        for (Domain d : Domain.values()) {
            for (AttributeTask t : AttributeTasks.of(d)) {
                List<List<String>> all = List.copyOf(t.prompts().values());
                for (List<String> p : all) {
                    // Same templates and nuisance values for every class: equal counts.
                    assertThat(p).as(d + "/" + t.name()).hasSize(all.get(0).size()).doesNotHaveDuplicates();
                }
            }
        }
        AttributeTask colour = AttributeTasks.of(Domain.SHAPES).get(1);
        assertThat(colour.prompts().get("red")).contains("a photo of a red star", "a star that is red");
    }

    @Test
    void ensembleIsTheNormalisedMean() {
        float[] e = ClipQualityEvaluator.ensemble(new float[][] {{1, 0}, {0, 1}});
        assertThat(e[0]).isCloseTo((float) Math.sqrt(0.5), org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(e[1]).isCloseTo((float) Math.sqrt(0.5), org.assertj.core.data.Offset.offset(1e-6f));
    }
}
