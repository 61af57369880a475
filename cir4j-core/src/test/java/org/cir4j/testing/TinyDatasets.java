package org.cir4j.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes tiny hand-made datasets in the published CIRR / CIRCO / FashionIQ layouts (tests only). Image
 * files hold a few distinct bytes, not real pictures: readers only check that they exist and the feature
 * cache only hashes them.
 */
public final class TinyDatasets {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TinyDatasets() {}

    public static void writeJson(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeText(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeImage(Path file) {
        writeText(file, "image:" + file.getFileName());
    }

    public static Map<String, Object> cirrTriplet(int pairId, String reference, String target, String caption, List<String> members) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("pairid", pairId);
        t.put("reference", reference);
        if (target != null) {
            t.put("target_hard", target);
            t.put("target_soft", Map.of(target, 1.0));
        }
        t.put("caption", caption);
        t.put("img_set", Map.of("id", pairId, "members", members));
        return t;
    }

    /**
     * CIRR val split with images {@code dev-0 … dev-7} under {@code root/dev/} and the given triplets, with
     * annotations under {@code root/<annotationDir>} ({@code ""} or {@code "cirr"}).
     */
    public static Path cirr(Path root, String split, String annotationDir, int images, List<Map<String, Object>> triplets) {
        Path ann = annotationDir.isEmpty() ? root : root.resolve(annotationDir);
        Map<String, String> splitMap = new LinkedHashMap<>();
        for (int i = 0; i < images; i++) {
            String name = "dev-" + i;
            splitMap.put(name, "./dev/" + name + ".png");
            writeImage(root.resolve("dev").resolve(name + ".png"));
        }
        writeJson(ann.resolve("image_splits").resolve("split.rc2." + split + ".json"), splitMap);
        writeJson(ann.resolve("captions").resolve("cap.rc2." + split + ".json"), triplets);
        return root;
    }

    public static Map<String, Object> circoQuery(int id, long reference, Long target, String caption, String concept,
                                                 List<Long> gt, List<String> aspects) {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("id", id);
        q.put("reference_img_id", reference);
        if (target != null) {
            q.put("target_img_id", target);
        }
        q.put("relative_caption", caption);
        q.put("shared_concept", concept);
        if (gt != null) {
            q.put("gt_img_ids", gt);
        }
        if (aspects != null) {
            q.put("semantic_aspects", aspects);
        }
        return q;
    }

    /** CIRCO layout with COCO ids {@code 100 … 100+images-1}. */
    public static Path circo(Path root, String split, int images, List<Map<String, Object>> queries) {
        List<Map<String, Object>> infos = new java.util.ArrayList<>();
        for (int i = 0; i < images; i++) {
            long id = 100 + i;
            String file = String.format("%012d.jpg", id);
            infos.add(Map.of("id", id, "file_name", file, "width", 8, "height", 8));
            writeImage(root.resolve("COCO2017_unlabeled").resolve("unlabeled2017").resolve(file));
        }
        writeJson(root.resolve("COCO2017_unlabeled").resolve("annotations").resolve("image_info_unlabeled2017.json"), Map.of("images", infos));
        writeJson(root.resolve("annotations").resolve(split + ".json"), queries);
        return root;
    }

    public static Map<String, Object> fiqTriplet(String candidate, String target, String c1, String c2) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("candidate", candidate);
        if (target != null) {
            t.put("target", target);
        }
        t.put("captions", List.of(c1, c2));
        return t;
    }

    /** One FashionIQ category: asins {@code <cat>0 …}; even-numbered images as .png, odd as .jpg. */
    public static Path fashionIq(Path root, String category, String split, int images, List<Map<String, Object>> triplets) {
        List<String> asins = new java.util.ArrayList<>();
        for (int i = 0; i < images; i++) {
            String asin = category + i;
            asins.add(asin);
            writeImage(root.resolve("images").resolve(asin + (i % 2 == 0 ? ".png" : ".jpg")));
        }
        writeJson(root.resolve("image_splits").resolve("split." + category + "." + split + ".json"), asins);
        writeJson(root.resolve("captions").resolve("cap." + category + "." + split + ".json"), triplets);
        return root;
    }
}
