package org.cir4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cir4j.testing.TinyDatasets.fashionIq;
import static org.cir4j.testing.TinyDatasets.fiqTriplet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cir4j.testing.TinyDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionIqDatasetTest {
    @TempDir
    Path root;

    @Test
    void eachCategoryIsItsOwnTaskWithPngOrJpgImages() {
        for (String c : FashionIqDataset.CATEGORIES) {
            fashionIq(root, c, "val", 4, List.of(fiqTriplet(c + "0", c + "1", "is red", "has long sleeves")));
        }
        List<CirDataset> all = FashionIqDataset.loadAll(root, "val");
        assertThat(all).extracting(CirDataset::name).containsExactly("fashioniq/dress/val", "fashioniq/shirt/val", "fashioniq/toptee/val");
        CirDataset dress = all.get(0);
        assertThat(dress.category()).contains("dress");
        assertThat(dress.galleryNames()).containsExactly("dress0", "dress1", "dress2", "dress3");
        assertThat(dress.gallery().get(0).path()).isEqualTo(root.resolve("images/dress0.png"));
        assertThat(dress.gallery().get(1).path()).isEqualTo(root.resolve("images/dress1.jpg"));
        CirQuery q = dress.queries().get(0);
        assertThat(q.id()).isEqualTo("dress:0");
        assertThat(q.captions()).containsExactly("is red", "has long sleeves");
        assertThat(q.targetName()).isEqualTo("dress1");
    }

    @Test
    void malformedEntriesAreNamed() {
        fashionIq(root, "shirt", "val", 3, List.of(fiqTriplet("shirt0", "shirt1", "a", "b"), Map.of("candidate", "shirt0", "captions", List.of("only one"))));
        assertThatThrownBy(() -> FashionIqDataset.load(root, "shirt", "val", MissingImagePolicy.FAIL))
                .hasMessageContaining("cap.shirt.val.json: entry 1: field 'captions': expected 2 captions, found 1");

        TinyDatasets.writeJson(root.resolve("captions/cap.shirt.val.json"), List.of(Map.of("candidate", "shirt0", "target", "dress5", "captions", List.of("a", "b"))));
        assertThatThrownBy(() -> FashionIqDataset.load(root, "shirt", "val", MissingImagePolicy.FAIL))
                .hasMessageContaining("entry 0: field 'target': image 'dress5' is not in the split file split.shirt.val.json");

        TinyDatasets.writeJson(root.resolve("image_splits/split.shirt.val.json"), List.of("shirt0", 5));
        assertThatThrownBy(() -> FashionIqDataset.load(root, "shirt", "val", MissingImagePolicy.FAIL))
                .hasMessageContaining("split.shirt.val.json: entry 1: expected an asin string, found number");
        assertThatThrownBy(() -> FashionIqDataset.load(root, "skirt", "val", MissingImagePolicy.FAIL))
                .hasMessageContaining("unknown FashionIQ category 'skirt'");
    }

    @Test
    void missingImageIsReportedWithItsExpectedPath() throws Exception {
        fashionIq(root, "toptee", "val", 3, List.of(fiqTriplet("toptee0", "toptee2", "a", "b"), fiqTriplet("toptee1", "toptee0", "c", "d")));
        Files.delete(root.resolve("images/toptee2.png"));
        assertThatThrownBy(() -> FashionIqDataset.load(root, "toptee", "val", MissingImagePolicy.FAIL))
                .isInstanceOf(MissingImagesException.class)
                .hasMessageContaining("fashioniq/toptee/val: 1 of 3 images are missing")
                .hasMessageContaining("toptee2 (" + root.resolve("images/toptee2.png") + ")");
        CirDataset ds = FashionIqDataset.load(root, "toptee", "val", MissingImagePolicy.SKIP_WITH_WARNING);
        assertThat(ds.queries()).extracting(CirQuery::id).containsExactly("toptee:1");
        assertThat(ds.missingImages().droppedQueries()).isEqualTo(1);
    }
}
