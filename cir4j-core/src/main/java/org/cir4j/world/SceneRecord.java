package org.cir4j.world;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.cir4j.world.scene.Scene;

/**
 * One line of {@code <domain>/scenes.jsonl}: every image of the world with its split and scene.
 *
 * @param image path of the stored PNG relative to the domain folder
 */
public record SceneRecord(@JsonProperty("name") String name, @JsonProperty("split") Split split,
                          @JsonProperty("image") String image, @JsonProperty("scene") Scene scene) {}
