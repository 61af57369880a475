package org.cir4j.world.scene;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How the garment is photographed: the garments domain's viewpoint. Standard is upright and filling
 * the frame; tilted is turned by about 20 degrees; zoomed out shows it at about 60 % of the size.
 */
public enum GarmentView {
    STANDARD("standard"),
    TILTED("tilted"),
    ZOOMED_OUT("zoomed out");

    private final String word;

    GarmentView(String word) {
        this.word = word;
    }

    @JsonValue
    public String word() {
        return word;
    }

    @Override
    public String toString() {
        return word;
    }
}
