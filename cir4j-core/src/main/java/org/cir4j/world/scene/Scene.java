package org.cir4j.world.scene;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What one image shows: the single source of truth from which the image is rendered and its
 * captions and ground truth are derived. Serialised with a {@code "domain"} discriminator.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "domain")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ShapeScene.class, name = "shapes"),
    @JsonSubTypes.Type(value = GarmentScene.class, name = "garments")
})
public sealed interface Scene permits ShapeScene, GarmentScene {

    Background background();

    /** Canvas aspect as width:height (shapes are always square). */
    Frame frame();
}
