package org.cir4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cir4j.testing.TinyDatasets.cirr;
import static org.cir4j.testing.TinyDatasets.cirrTriplet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cir4j.testing.TinyDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CirrDatasetTest {
    @TempDir
    Path root;

    static final List<String> SET_A = List.of("dev-0", "dev-1", "dev-2", "dev-3", "dev-4", "dev-5");

    @Test
    void readsValWithTargetsSubsetsAndRootRelativePaths() {
        cirr(root, "val", "", 8, List.of(
                cirrTriplet(7, "dev-0", "dev-3", "has two dogs", SET_A),
                cirrTriplet(9, "dev-6", "dev-7", "is at night", List.of("dev-6", "dev-7", "dev-0", "dev-1", "dev-2", "dev-3"))));
        CirDataset ds = CirrDataset.load(root, "val");
        assertThat(ds.name()).isEqualTo("cirr/val");
        assertThat(ds.kind()).isEqualTo(DatasetKind.CIRR);
        assertThat(ds.gallery()).hasSize(8);
        assertThat(ds.gallery().get(2).path()).isEqualTo(root.toAbsolutePath().normalize().resolve("dev/dev-2.png"));
        CirQuery q = ds.queries().get(0);
        assertThat(q.id()).isEqualTo("7");
        assertThat(q.referenceName()).isEqualTo("dev-0");
        assertThat(q.captions()).containsExactly("has two dogs");
        assertThat(q.targetName()).isEqualTo("dev-3");
        assertThat(q.groundTruth()).containsExactly("dev-3");
        assertThat(q.subsetMembers()).isEqualTo(SET_A);
        assertThat(ds.hasTargets()).isTrue();
        assertThat(ds.missingImages().isEmpty()).isTrue();
    }

    @Test
    void readsTheOfficialNestingAndTestSplitWithoutTargets() {
        cirr(root, "test1", "cirr", 6, List.of(cirrTriplet(1, "dev-0", null, "x", SET_A)));
        CirDataset ds = CirrDataset.load(root, "test");
        assertThat(ds.split()).isEqualTo("test1");
        assertThat(ds.queries().get(0).target()).isEmpty();
        assertThat(ds.queries().get(0).groundTruth()).isEmpty();
        assertThat(ds.hasTargets()).isFalse();
    }

    @Test
    void missingFieldNamesFileEntryAndField() {
        Map<String, Object> bad = new HashMap<>(cirrTriplet(2, "dev-1", "dev-2", "y", SET_A));
        bad.remove("caption");
        cirr(root, "val", "", 6, List.of(cirrTriplet(1, "dev-0", "dev-1", "x", SET_A), bad));
        assertThatThrownBy(() -> CirrDataset.load(root, "val"))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("cap.rc2.val.json")
                .hasMessageContaining("entry 1")
                .hasMessageContaining("field 'caption'")
                .hasMessageContaining("missing");
    }

    @Test
    void mistypedFieldSaysExpectedAndFound() {
        Map<String, Object> bad = new HashMap<>(cirrTriplet(2, "dev-1", "dev-2", "y", SET_A));
        bad.put("pairid", "two");
        cirr(root, "val", "", 6, List.of(bad));
        assertThatThrownBy(() -> CirrDataset.load(root, "val"))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("entry 0: field 'pairid': expected an integer, found string \"two\"");
    }

    @Test
    void brokenJsonAndUnknownImagesAndDuplicatePairIds() throws Exception {
        cirr(root, "val", "", 6, List.of(cirrTriplet(1, "dev-0", "dev-1", "x", SET_A)));
        Path captions = root.resolve("captions/cap.rc2.val.json");
        Files.writeString(captions, "[{\"pairid\": 1,");
        assertThatThrownBy(() -> CirrDataset.load(root, "val")).isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("cap.rc2.val.json").hasMessageContaining("not valid JSON");

        cirr(root, "val", "", 6, List.of(cirrTriplet(1, "dev-0", "dev-99", "x", SET_A)));
        assertThatThrownBy(() -> CirrDataset.load(root, "val"))
                .hasMessageContaining("entry 0: field 'target_hard': image 'dev-99' is not in the split file split.rc2.val.json");

        cirr(root, "val", "", 6, List.of(cirrTriplet(1, "dev-0", "dev-1", "x", SET_A), cirrTriplet(1, "dev-2", "dev-1", "y", SET_A)));
        assertThatThrownBy(() -> CirrDataset.load(root, "val")).hasMessageContaining("entry 1: field 'pairid': pairid 1 already used by entry 0");
    }

    @Test
    void missingAnnotationFileListsBothLocations() {
        assertThatThrownBy(() -> CirrDataset.load(root, "val")).isInstanceOf(DatasetException.class)
                .hasMessageContaining("captions/cap.rc2.val.json").hasMessageContaining("cirr/captions/cap.rc2.val.json");
        assertThatThrownBy(() -> CirrDataset.load(root, "dev")).hasMessageContaining("unknown CIRR split 'dev'");
    }

    @Test
    void missingImagesFailByDefaultAndAreReportedWhenSkipped() throws Exception {
        List<Map<String, Object>> triplets = new ArrayList<>();
        triplets.add(cirrTriplet(1, "dev-0", "dev-1", "x", SET_A));
        triplets.add(cirrTriplet(2, "dev-6", "dev-7", "y", List.of("dev-6", "dev-7", "dev-0", "dev-1", "dev-2", "dev-3")));
        cirr(root, "val", "", 8, triplets);
        Files.delete(root.resolve("dev/dev-7.png"));
        Files.delete(root.resolve("dev/dev-5.png"));

        assertThatThrownBy(() -> CirrDataset.load(root, "val"))
                .isInstanceOf(MissingImagesException.class)
                .hasMessageContaining("cirr/val: 2 of 8 images are missing")
                .hasMessageContaining("dev-5")
                .hasMessageContaining("dev-7");

        CirDataset ds = CirrDataset.load(root, "val", MissingImagePolicy.SKIP_WITH_WARNING);
        assertThat(ds.gallery()).hasSize(6);
        // Query 1 mentions dev-5 through its img_set, query 2 has dev-7 as target: both are dropped.
        assertThat(ds.queries()).isEmpty();
        assertThat(ds.missingImages().missingImages()).isEqualTo(2);
        assertThat(ds.missingImages().droppedQueries()).isEqualTo(2);
        assertThat(ds.missingImages().firstDroppedIds()).containsExactly("1", "2");
        assertThat(ds.missingImages().summary()).contains("2 missing image(s) skipped").contains("2 queries dropped");
    }

    @Test
    void imagePathMayNotLeaveTheRoot() {
        cirr(root, "val", "", 6, List.of(cirrTriplet(1, "dev-0", "dev-1", "x", SET_A)));
        TinyDatasets.writeJson(root.resolve("image_splits/split.rc2.val.json"), Map.of("dev-0", "../../etc/passwd"));
        assertThatThrownBy(() -> CirrDataset.load(root, "val")).hasMessageContaining("leaves the dataset root");
    }
}
