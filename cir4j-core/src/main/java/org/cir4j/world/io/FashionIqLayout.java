package org.cir4j.world.io;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes FashionIQ's published layout: {@code captions/cap.<category>.<split>.json} (two captions per
 * triplet), {@code image_splits/split.<category>.<split>.json} (the image names of that category and
 * split) and {@code images/<name>.png}.
 */
public final class FashionIqLayout {
    private FashionIqLayout() {}

    /** One FashionIQ triplet, fields in the order of the published files. */
    public record Triplet(@JsonProperty("candidate") String candidate, @JsonProperty("target") String target,
                          @JsonProperty("captions") List<String> captions) {}

    public static void writeSplit(Path root, String category, String split, List<Triplet> triplets,
                                  List<String> imageNames) throws IOException {
        WorldFiles.writeJson(root.resolve("captions").resolve("cap." + category + "." + split + ".json"), Json.pretty(),
                triplets);
        WorldFiles.writeJson(root.resolve("image_splits").resolve("split." + category + "." + split + ".json"),
                Json.pretty(), imageNames);
    }

    /** Links every image (name → stored file) into {@code images/}. */
    public static void writeImages(Path root, Map<String, Path> images, Linker linker) throws IOException {
        for (Map.Entry<String, Path> e : images.entrySet()) {
            linker.link(e.getValue(), root.resolve("images").resolve(e.getKey() + ".png"));
        }
    }
}
