package org.cir4j.world;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code world.json}: what was generated and how. Written last, so a folder without it is an
 * interrupted generation.
 *
 * @param formatVersion    version of this on-disk format
 * @param generator        "cir4j-world"
 * @param generatorVersion version of the generator (changes whenever output for a seed changes)
 * @param seed             world seed
 * @param size             "small", "full" or "custom"
 * @param resolution       pixels on the short image side
 * @param counts           per domain: split → count (images, queries, concepts, phrases, …)
 * @param linkMode         "hardlink" or "copy": how layout folders share the image files
 * @param notes            facts a reader must know (e.g. test ground truth is included)
 */
public record WorldManifest(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("generator") String generator,
        @JsonProperty("generator_version") String generatorVersion,
        @JsonProperty("seed") long seed,
        @JsonProperty("size") String size,
        @JsonProperty("resolution") int resolution,
        @JsonProperty("counts") Map<String, Map<String, Integer>> counts,
        @JsonProperty("link_mode") String linkMode,
        @JsonProperty("notes") List<String> notes) {

    public static final int FORMAT_VERSION = 1;
    public static final String GENERATOR = "cir4j-world";
    public static final String GENERATOR_VERSION = "1.0.0";
}
