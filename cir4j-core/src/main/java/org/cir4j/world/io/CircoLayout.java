package org.cir4j.world.io;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes CIRCO's published layout: {@code annotations/{val,test}.json} and one gallery shared by
 * both splits, {@code COCO2017_unlabeled/annotations/image_info_unlabeled2017.json} with the images in
 * {@code COCO2017_unlabeled/unlabeled2017/}. Real CIRCO hides the test ground truth; the world writes
 * it for both splits.
 */
public final class CircoLayout {
    private CircoLayout() {}

    /** One CIRCO query, fields in the order of the published files. */
    public record Annotation(@JsonProperty("id") int id,
                             @JsonProperty("reference_img_id") int referenceImgId,
                             @JsonProperty("target_img_id") int targetImgId,
                             @JsonProperty("relative_caption") String relativeCaption,
                             @JsonProperty("shared_concept") String sharedConcept,
                             @JsonProperty("gt_img_ids") List<Integer> gtImgIds,
                             @JsonProperty("semantic_aspects") List<String> semanticAspects) {}

    /** A gallery entry of the COCO image-info file. */
    public record Image(@JsonProperty("id") int id, @JsonProperty("file_name") String fileName,
                        @JsonProperty("width") int width, @JsonProperty("height") int height) {}

    private record ImageInfo(@JsonProperty("images") List<Image> images) {}

    /**
     * @param gallery     gallery entries with the stored file of each
     * @param annotations split name (val, test) → its annotations
     */
    public static void write(Path root, List<Image> gallery, Map<Integer, Path> files,
                             Map<String, List<Annotation>> annotations, Linker linker) throws IOException {
        Path coco = root.resolve("COCO2017_unlabeled");
        List<Image> images = new ArrayList<>(gallery);
        for (Image im : images) {
            Path src = files.get(im.id());
            if (src == null) {
                throw new IllegalArgumentException("no stored file for CIRCO image id " + im.id());
            }
            linker.link(src, coco.resolve("unlabeled2017").resolve(im.fileName()));
        }
        WorldFiles.writeJson(coco.resolve("annotations").resolve("image_info_unlabeled2017.json"), Json.pretty(),
                new ImageInfo(images));
        for (Map.Entry<String, List<Annotation>> e : annotations.entrySet()) {
            WorldFiles.writeJson(root.resolve("annotations").resolve(e.getKey() + ".json"), Json.pretty(), e.getValue());
        }
    }
}
