package org.cir4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cir4j.testing.TinyDatasets.circo;
import static org.cir4j.testing.TinyDatasets.circoQuery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CircoDatasetTest {
    @TempDir
    Path root;

    @Test
    void readsValWithGroundTruthAndBothAspectSpellings() {
        circo(root, "val", 6, List.of(
                circoQuery(0, 100, 103L, "has two of them", "a dog", List.of(103L, 104L), List.of("cardinality", "compare & change")),
                circoQuery(1, 101, 105L, "in greyscale", "a boat", List.of(105L), List.of("spatial_relations_background", "direct_addressing"))));
        CirDataset ds = CircoDataset.load(root, "val");
        assertThat(ds.name()).isEqualTo("circo/val");
        assertThat(ds.gallery()).hasSize(6);
        assertThat(ds.gallery().get(0).name()).isEqualTo("100");
        assertThat(ds.gallery().get(0).path()).isEqualTo(root.resolve("COCO2017_unlabeled/unlabeled2017/000000000100.jpg"));
        CirQuery q0 = ds.queries().get(0);
        assertThat(q0.referenceName()).isEqualTo("100");
        assertThat(q0.targetName()).isEqualTo("103");
        assertThat(q0.groundTruth()).containsExactly("103", "104");
        assertThat(q0.sharedConcept()).isEqualTo("a dog");
        assertThat(q0.semanticAspects()).containsExactly(SemanticAspect.CARDINALITY, SemanticAspect.COMPARE_CHANGE);
        assertThat(ds.queries().get(1).semanticAspects())
                .containsExactly(SemanticAspect.SPATIAL_RELATIONS_BACKGROUND, SemanticAspect.DIRECT_ADDRESSING);
    }

    @Test
    void testSplitHasOnlyTheRequiredFields() {
        circo(root, "test", 3, List.of(circoQuery(0, 100, null, "x", "c", null, null)));
        CirDataset ds = CircoDataset.load(root, "test");
        assertThat(ds.queries().get(0).hasTarget()).isFalse();
        assertThat(ds.queries().get(0).semanticAspects()).isEmpty();
        assertThat(ds.hasTargets()).isFalse();
    }

    @Test
    void rejectsInconsistentAnnotations() {
        circo(root, "val", 6, List.of(circoQuery(0, 100, 103L, "x", "c", List.of(104L), List.of())));
        assertThatThrownBy(() -> CircoDataset.load(root, "val"))
                .hasMessageContaining("val.json: entry 0: field 'gt_img_ids': does not contain target_img_id 103");

        circo(root, "val", 6, List.of(circoQuery(0, 100, 103L, "x", "c", List.of(103L), List.of("irony"))));
        assertThatThrownBy(() -> CircoDataset.load(root, "val"))
                .hasMessageContaining("entry 0: field 'semantic_aspects[0]': unknown aspect 'irony', expected one of [cardinality");

        circo(root, "val", 6, List.of(circoQuery(0, 100, 103L, "x", "c", null, List.of())));
        assertThatThrownBy(() -> CircoDataset.load(root, "val")).hasMessageContaining("field 'gt_img_ids': missing although target_img_id is given");

        circo(root, "val", 6, List.of(circoQuery(0, 999, 103L, "x", "c", List.of(103L), List.of())));
        assertThatThrownBy(() -> CircoDataset.load(root, "val"))
                .hasMessageContaining("field 'reference_img_id': image '999' is not in the COCO unlabeled gallery");

        circo(root, "val", 6, List.of(circoQuery(0, 100, 103L, "x", "c", List.of(103L, 103L), List.of())));
        assertThatThrownBy(() -> CircoDataset.load(root, "val")).hasMessageContaining("field 'gt_img_ids[1]': duplicate ground truth 103");
    }

    @Test
    void missingSharedConceptAndBadGalleryAreNamed() throws Exception {
        circo(root, "val", 3, List.of(circoQuery(0, 100, 101L, "x", null, List.of(101L), List.of())));
        assertThatThrownBy(() -> CircoDataset.load(root, "val")).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("entry 0: field 'shared_concept': missing");

        circo(root, "val", 3, List.of(circoQuery(0, 100, 101L, "x", "c", List.of(101L), List.of())));
        Files.writeString(root.resolve("COCO2017_unlabeled/annotations/image_info_unlabeled2017.json"), "{\"images\": {}}");
        assertThatThrownBy(() -> CircoDataset.load(root, "val"))
                .hasMessageContaining("image_info_unlabeled2017.json: field 'images': expected a list, found object");
    }

    @Test
    void missingAnnotationFileAndUnknownSplitAreNamed() {
        circo(root, "val", 3, List.of());
        assertThatThrownBy(() -> CircoDataset.load(root, "test")).isInstanceOf(DatasetException.class)
                .hasMessageContaining("annotation file not found: " + root.resolve("annotations/test.json"));
        assertThatThrownBy(() -> CircoDataset.load(root, "train")).hasMessageContaining("unknown CIRCO split 'train', expected one of [val, test]");
    }

    @Test
    void missingGroundTruthImageDropsTheQueryWhenSkipping() throws Exception {
        circo(root, "val", 6, List.of(
                circoQuery(0, 100, 103L, "x", "c", List.of(103L, 104L), List.of()),
                circoQuery(1, 101, 102L, "y", "c", List.of(102L), List.of())));
        Files.delete(root.resolve("COCO2017_unlabeled/unlabeled2017/000000000104.jpg"));
        assertThatThrownBy(() -> CircoDataset.load(root, "val")).isInstanceOf(MissingImagesException.class)
                .hasMessageContaining("1 of 6 images").hasMessageContaining("104 (");
        CirDataset ds = CircoDataset.load(root, "val", MissingImagePolicy.SKIP_WITH_WARNING);
        assertThat(ds.queries()).extracting(CirQuery::id).containsExactly("1");
        assertThat(ds.missingImages().firstDroppedIds()).containsExactly("0");
    }
}
