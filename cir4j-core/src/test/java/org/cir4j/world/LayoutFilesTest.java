package org.cir4j.world;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The published-layout files parse with Jackson and have exactly the contract's fields and types. */
class LayoutFilesTest {
    private static final Set<String> ASPECTS = Set.of("cardinality", "addition", "negation", "direct addressing",
            "compare & change", "comparative statement", "statement with conjunction",
            "spatial relations & background", "viewpoint");

    @ParameterizedTest
    @EnumSource(Domain.class)
    void cirrCaptionsAndSplitsFollowTheContract(Domain d) throws IOException {
        Path root = SmallWorld.domain(d).resolve("cirr");
        for (String split : List.of("train", "val", "test1")) {
            JsonNode images = SmallWorld.tree(root.resolve("image_splits/split.rc2." + split + ".json"));
            assertThat(images.isObject()).isTrue();
            Set<String> names = new HashSet<>();
            images.fields().forEachRemaining(e -> {
                names.add(e.getKey());
                String folder = split.equals("val") ? "dev" : split;
                assertThat(e.getValue().asText()).isEqualTo("./" + folder + "/" + e.getKey() + ".png");
                assertThat(root.resolve(e.getValue().asText())).isRegularFile();
            });
            JsonNode caps = SmallWorld.tree(root.resolve("captions/cap.rc2." + split + ".json"));
            assertThat(caps.isArray()).isTrue();
            assertThat(caps.size()).isEqualTo(split.equals("train") ? 60 : 30);
            for (JsonNode t : caps) {
                assertThat(fields(t)).containsExactly("pairid", "reference", "target_hard", "target_soft", "caption", "img_set");
                assertThat(t.get("pairid").isInt()).isTrue();
                assertThat(names).contains(t.get("reference").asText(), t.get("target_hard").asText());
                assertThat(t.get("target_soft").get(t.get("target_hard").asText()).asDouble()).isEqualTo(1.0);
                assertThat(t.get("caption").asText()).isNotBlank();
                JsonNode set = t.get("img_set");
                assertThat(fields(set)).containsExactly("id", "members");
                assertThat(set.get("id").isInt()).isTrue();
                List<String> members = new ArrayList<>();
                set.get("members").forEach(m -> members.add(m.asText()));
                assertThat(members).hasSize(6).doesNotHaveDuplicates()
                        .contains(t.get("reference").asText(), t.get("target_hard").asText());
                assertThat(names).containsAll(members);
            }
        }
        assertThat(SmallWorld.tree(root.resolve("image_splits/split.rc2.val.json")).size()).isEqualTo(300);
    }

    @ParameterizedTest
    @EnumSource(Domain.class)
    void circoAnnotationsAndGalleryFollowTheContract(Domain d) throws IOException {
        Path root = SmallWorld.domain(d).resolve("circo");
        JsonNode info = SmallWorld.tree(root.resolve("COCO2017_unlabeled/annotations/image_info_unlabeled2017.json"));
        assertThat(fields(info)).containsExactly("images");
        Set<Integer> ids = new HashSet<>();
        int checked = 0;
        for (JsonNode im : info.get("images")) {
            assertThat(fields(im)).containsExactly("id", "file_name", "width", "height");
            assertThat(ids.add(im.get("id").asInt())).isTrue();
            Path file = root.resolve("COCO2017_unlabeled/unlabeled2017").resolve(im.get("file_name").asText());
            assertThat(file).isRegularFile();
            if (checked++ % 50 == 0) {
                BufferedImage img = ImageIO.read(file.toFile());
                assertThat(img.getWidth()).isEqualTo(im.get("width").asInt());
                assertThat(img.getHeight()).isEqualTo(im.get("height").asInt());
            }
        }
        assertThat(ids).hasSize(600);
        for (String split : List.of("val", "test")) {
            JsonNode anns = SmallWorld.tree(root.resolve("annotations/" + split + ".json"));
            assertThat(anns.size()).isEqualTo(30);
            for (JsonNode a : anns) {
                assertThat(fields(a)).containsExactly("id", "reference_img_id", "target_img_id", "relative_caption",
                        "shared_concept", "gt_img_ids", "semantic_aspects");
                assertThat(ids).contains(a.get("reference_img_id").asInt(), a.get("target_img_id").asInt());
                assertThat(a.get("gt_img_ids").get(0).asInt()).isEqualTo(a.get("target_img_id").asInt());
                a.get("gt_img_ids").forEach(g -> assertThat(ids).contains(g.asInt()));
                assertThat(a.get("semantic_aspects").size()).isPositive();
                a.get("semantic_aspects").forEach(s -> assertThat(ASPECTS).contains(s.asText()));
                assertThat(a.get("shared_concept").asText()).isNotBlank();
            }
        }
    }

    @Test
    void fashionIqLayoutForGarments() throws IOException {
        Path root = SmallWorld.domain(Domain.GARMENTS).resolve("fashioniq");
        int triplets = 0;
        for (String cat : List.of("dress", "shirt", "toptee")) {
            for (String split : List.of("train", "val", "test")) {
                JsonNode names = SmallWorld.tree(root.resolve("image_splits/split." + cat + "." + split + ".json"));
                Set<String> inSplit = new HashSet<>();
                names.forEach(n -> {
                    inSplit.add(n.asText());
                    assertThat(root.resolve("images/" + n.asText() + ".png")).isRegularFile();
                });
                for (JsonNode t : SmallWorld.tree(root.resolve("captions/cap." + cat + "." + split + ".json"))) {
                    assertThat(fields(t)).containsExactly("candidate", "target", "captions");
                    assertThat(t.get("captions").size()).isEqualTo(2);
                    assertThat(inSplit).as(cat + "/" + split + " holds candidate and target")
                            .contains(t.get("candidate").asText(), t.get("target").asText());
                    triplets++;
                }
            }
        }
        assertThat(triplets).isEqualTo(SmallWorld.manifest().counts().get("garments").get("fashioniq_triplets"))
                .isGreaterThan(30);
        assertThat(SmallWorld.domain(Domain.SHAPES).resolve("fashioniq")).doesNotExist();
    }

    @Test
    void imagesAreStoredOnceAndLinkedIntoTheLayouts() throws IOException {
        Path dom = SmallWorld.domain(Domain.GARMENTS);
        String name = SmallWorld.queries(Domain.GARMENTS).get(70).target();
        Path stored = dom.resolve("images/val/" + name + ".png");
        if (name.contains("-test-")) {
            stored = dom.resolve("images/test/" + name + ".png");
        }
        Path cirr = dom.resolve("cirr").resolve(name.contains("-test-") ? "test1" : "dev").resolve(name + ".png");
        Path circo = dom.resolve("circo/COCO2017_unlabeled/unlabeled2017/" + name + ".png");
        assertThat(SmallWorld.manifest().linkMode()).isIn("hardlink", "copy");
        for (Path p : List.of(cirr, circo)) {
            assertThat(Files.readAllBytes(p)).isEqualTo(Files.readAllBytes(stored));
            if (SmallWorld.manifest().linkMode().equals("hardlink")) {
                assertThat(Files.isSameFile(p, stored)).isTrue();
                assertThat(Files.getAttribute(stored, "unix:nlink")).isEqualTo(SmallWorld.domain(Domain.GARMENTS)
                        .resolve("fashioniq/images/" + name + ".png").toFile().exists() ? 4 : 3);
            }
        }
    }

    @Test
    void worldManifestAndDomainFiles() throws IOException {
        JsonNode w = SmallWorld.tree(SmallWorld.root().resolve("world.json"));
        assertThat(fields(w)).containsExactly("format_version", "generator", "generator_version", "seed", "size",
                "resolution", "counts", "link_mode", "notes");
        assertThat(w.get("seed").asLong()).isEqualTo(SmallWorld.SEED);
        assertThat(w.get("size").asText()).isEqualTo("small");
        assertThat(w.get("counts").get("shapes").get("val_gallery").asInt()).isEqualTo(300);
        for (Domain d : Domain.values()) {
            Path dir = SmallWorld.domain(d);
            List<String> pre = Files.readAllLines(dir.resolve("pretrain.jsonl"));
            assertThat(pre).hasSize(300);
            PretrainRecord r = org.cir4j.world.io.Json.MAPPER.readValue(pre.get(0), PretrainRecord.class);
            assertThat(dir.resolve(r.image())).isRegularFile();
            assertThat(r.captions()).hasSize(5).doesNotHaveDuplicates();
            List<String> unl = Files.readAllLines(dir.resolve("unlabelled.txt"));
            assertThat(unl).hasSize(100).allSatisfy(p -> assertThat(dir.resolve(p)).isRegularFile());
            assertThat(Files.readAllLines(dir.resolve("scenes.jsonl"))).hasSize(1360);
            JsonNode concepts = SmallWorld.tree(dir.resolve("concepts.json"));
            JsonNode phrases = SmallWorld.tree(dir.resolve("phrases.json"));
            assertThat(concepts.size()).isEqualTo(phrases.size());
            for (JsonNode c : concepts) {
                JsonNode ps = phrases.get(c.asText());
                assertThat(ps.size()).as(c.asText()).isBetween(8, 16);
                ps.forEach(p -> assertThat(p.asText()).startsWith("a photo of " + c.asText() + " that "));
            }
        }
        List<String> vocab = Files.readAllLines(SmallWorld.root().resolve("vocabulary.txt"));
        assertThat(vocab).isSorted().doesNotHaveDuplicates().containsExactlyElementsOf(org.cir4j.world.text.Lexicon.words())
                .contains("circle", "dress", "red", "that", "-", "paint", "backdrop");
    }

    private static List<String> fields(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }
}
