package org.cir4j.world.io;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one split in CIRR's published layout: {@code captions/cap.rc2.<split>.json},
 * {@code image_splits/split.rc2.<split>.json} ({@code name → "./<folder>/<name>.png"}) and the images
 * in {@code <folder>/}. Unlike the real CIRR test1 split, the world's test captions keep
 * {@code target_hard} and {@code target_soft}: the world's ground truth is public. {@code target_soft}
 * holds the target with 1.0 (real CIRR also lists annotator-voted partial matches; the world's
 * exhaustive ground truth is in {@code queries.jsonl} and CIRCO's {@code gt_img_ids}).
 */
public final class CirrLayout {
    private CirrLayout() {}

    /** One CIRR triplet, fields in the order of the published files. */
    public record Triplet(@JsonProperty("pairid") int pairId,
                          @JsonProperty("reference") String reference,
                          @JsonProperty("target_hard") String targetHard,
                          @JsonProperty("target_soft") Map<String, Double> targetSoft,
                          @JsonProperty("caption") String caption,
                          @JsonProperty("img_set") ImgSet imgSet) {}

    /** A subset of six images (reference, target, four near misses) for Recall_subset. */
    public record ImgSet(@JsonProperty("id") int id, @JsonProperty("members") List<String> members) {}

    /**
     * @param root     the CIRR root folder
     * @param split    CIRR split name (train, val, test1)
     * @param folder   image folder (train, dev, test1)
     * @param triplets the split's triplets
     * @param images   image name → stored file, every image of the split (for val/test1: the gallery)
     */
    public static void write(Path root, String split, String folder, List<Triplet> triplets, Map<String, Path> images,
                             Linker linker) throws IOException {
        Map<String, String> paths = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : images.entrySet()) {
            String file = e.getKey() + ".png";
            linker.link(e.getValue(), root.resolve(folder).resolve(file));
            paths.put(e.getKey(), "./" + folder + "/" + file);
        }
        WorldFiles.writeJson(root.resolve("image_splits").resolve("split.rc2." + split + ".json"), Json.pretty(), paths);
        WorldFiles.writeJson(root.resolve("captions").resolve("cap.rc2." + split + ".json"), Json.pretty(), triplets);
    }
}
