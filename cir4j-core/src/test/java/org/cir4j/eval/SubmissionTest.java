package org.cir4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cir4j.testing.TinyDatasets.cirr;
import static org.cir4j.testing.TinyDatasets.cirrTriplet;
import static org.cir4j.testing.TinyDatasets.circo;
import static org.cir4j.testing.TinyDatasets.circoQuery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cir4j.data.CirDataset;
import org.cir4j.data.CirrDataset;
import org.cir4j.data.CircoDataset;
import org.cir4j.index.GalleryFeatures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubmissionTest {
    @TempDir
    Path root;

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> SET = List.of("dev-0", "dev-1", "dev-2", "dev-3", "dev-4", "dev-5");

    CirDataset cirrTest() {
        cirr(root, "test1", "", 60, List.of(
                cirrTriplet(11, "dev-0", null, "dev-3|dev-5", SET),
                cirrTriplet(12, "dev-40", null, "dev-41|dev-2", List.of("dev-40", "dev-41", "dev-42", "dev-2", "dev-3", "dev-4"))));
        return CirrDataset.load(root, "test1");
    }

    @Test
    void cirrFilesAreWrittenWithoutTheReferenceAndValidate() throws Exception {
        CirDataset ds = cirrTest();
        GalleryFeatures f = EvaluatorTest.oneHot(ds.galleryNames());
        Retrievals r = new Evaluator().retrieve(ds, f, new EvaluatorTest.ScriptedComposer(f));
        Path recall = root.resolve("sub/recall.json");
        Path subset = root.resolve("sub/subset_recall.json");
        SubmissionWriter.writeCirr(r, recall, subset);

        JsonNode rec = JSON.readTree(recall.toFile());
        assertThat(rec.get("version").asText()).isEqualTo("rc2");
        assertThat(rec.get("metric").asText()).isEqualTo("recall");
        assertThat(rec.get("11")).hasSize(50);
        assertThat(rec.get("11").get(0).asText()).isEqualTo("dev-3");
        assertThat(rec.get("11").toString()).doesNotContain("\"dev-0\"");
        JsonNode sub = JSON.readTree(subset.toFile());
        assertThat(sub.get("metric").asText()).isEqualTo("recall_subset");
        assertThat(sub.get("12").toString()).isEqualTo("[\"dev-41\",\"dev-2\",\"dev-3\"]");

        assertThat(SubmissionValidator.validateCirr(recall, ds).valid()).isTrue();
        assertThat(SubmissionValidator.validateCirr(subset, ds).requireValid().problems()).isEmpty();
    }

    @Test
    void cirrValidatorNamesEveryProblem() throws Exception {
        CirDataset ds = cirrTest();
        GalleryFeatures f = EvaluatorTest.oneHot(ds.galleryNames());
        Retrievals r = new Evaluator().retrieve(ds, f, new EvaluatorTest.ScriptedComposer(f));
        Path recall = root.resolve("recall.json");
        Path subset = root.resolve("subset.json");
        SubmissionWriter.writeCirr(r, recall, subset);

        ObjectNode bad = (ObjectNode) JSON.readTree(recall.toFile());
        ArrayNode list = (ArrayNode) bad.get("11");
        list.set(1, JSON.getNodeFactory().textNode("dev-0"));     // the reference
        list.set(2, JSON.getNodeFactory().textNode("dev-3"));     // duplicate of rank 1
        list.set(3, JSON.getNodeFactory().textNode("nope"));      // not in the gallery
        list.remove(49);                                          // 49 names
        bad.remove("12");
        bad.put("13", "x");
        bad.put("version", "rc1");
        Files.writeString(recall, JSON.writeValueAsString(bad));
        SubmissionValidator.Result res = SubmissionValidator.validateCirr(recall, ds);
        assertThat(res.valid()).isFalse();
        assertThat(res.problems()).containsExactlyInAnyOrder(
                "\"version\" must be \"rc2\", found \"rc1\"",
                "pairid 11: list has 49 names, expected 50",
                "pairid 11: includes its reference image 'dev-0'",
                "pairid 11: 'dev-3' listed twice",
                "pairid 11: 'nope' is not in the cirr/test1 gallery",
                "pairid 12: missing",
                "unknown pairid '13' (not in cirr/test1)");
        assertThatThrownBy(res::requireValid).hasMessageContaining("7 problem(s)");

        ObjectNode badSubset = (ObjectNode) JSON.readTree(subset.toFile());
        ((ArrayNode) badSubset.get("11")).set(0, JSON.getNodeFactory().textNode("dev-50"));
        Files.writeString(subset, JSON.writeValueAsString(badSubset));
        assertThat(SubmissionValidator.validateCirr(subset, ds).problems())
                .containsExactly("pairid 11 (recall_subset): 'dev-50' is not in its img_set " + SET);

        Files.writeString(subset, "{\"version\": \"rc2\",");
        assertThat(SubmissionValidator.validateCirr(subset, ds).problems().get(0)).startsWith("not valid JSON");
    }

    @Test
    void cirrSubmissionNeedsTheReferenceRemoved() {
        CirDataset ds = cirrTest();
        GalleryFeatures f = EvaluatorTest.oneHot(ds.galleryNames());
        Retrievals kept = new Evaluator(Evaluator.Options.defaults().withReferenceExclusion(Evaluator.ReferenceExclusion.NEVER))
                .retrieve(ds, f, new EvaluatorTest.ScriptedComposer(f));
        assertThatThrownBy(() -> SubmissionWriter.writeCirr(kept, root.resolve("a.json"), root.resolve("b.json")))
                .hasMessageContaining("expects rankings without the reference image");
    }

    @Test
    void circoFileHoldsIntegerIdsAndValidates() throws Exception {
        circo(root, "test", 60, List.of(circoQuery(0, 100, null, "103|104", "c", null, null), circoQuery(1, 101, null, "106|107", "c", null, null)));
        CirDataset ds = CircoDataset.load(root, "test");
        GalleryFeatures f = EvaluatorTest.oneHot(ds.galleryNames());
        Retrievals r = new Evaluator().retrieve(ds, f, new EvaluatorTest.ScriptedComposer(f));
        Path file = root.resolve("circo.json");
        SubmissionWriter.writeCirco(r, file);
        JsonNode sub = JSON.readTree(file.toFile());
        assertThat(sub.get("0")).hasSize(50);
        assertThat(sub.get("0").get(0).isIntegralNumber()).isTrue();
        // CIRCO keeps the reference: 103 first, then the reference 100, then 104.
        assertThat(sub.get("0").get(0).asLong()).isEqualTo(103);
        assertThat(sub.get("0").get(1).asLong()).isEqualTo(100);
        assertThat(SubmissionValidator.validateCirco(file, ds).valid()).isTrue();

        ObjectNode bad = (ObjectNode) sub;
        ((ArrayNode) bad.get("0")).set(5, JSON.getNodeFactory().textNode("105"));
        ((ArrayNode) bad.get("0")).set(6, JSON.getNodeFactory().numberNode(103));
        ((ArrayNode) bad.get("0")).set(7, JSON.getNodeFactory().numberNode(99999));
        ((ArrayNode) bad.get("1")).remove(0);
        Files.writeString(file, JSON.writeValueAsString(bad));
        assertThat(SubmissionValidator.validateCirco(file, ds).problems()).containsExactlyInAnyOrder(
                "query 0: entry 5 must be an integer image id, found \"105\"",
                "query 0: id 103 listed twice",
                "query 0: id 99999 is not in the circo/test gallery",
                "query 1: list has 49 ids, expected 50");
    }
}
