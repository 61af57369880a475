package org.cir4j.world.scene;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The nine object shapes. {@link #orientable()} says whether turning the shape by 180 degrees changes
 * how it looks (a triangle points down, a heart stands on its lobes); for the others "upside down" is
 * not a visible property and {@link SceneObject} always stores them upright.
 */
public enum ShapeKind {
    CIRCLE("circle", false),
    SQUARE("square", false),
    TRIANGLE("triangle", true),
    STAR("star", true),
    HEART("heart", true),
    HEXAGON("hexagon", false),
    CROSS("cross", false),
    DIAMOND("diamond", false),
    PENTAGON("pentagon", true);

    private final String noun;
    private final boolean orientable;

    ShapeKind(String noun, boolean orientable) {
        this.noun = noun;
        this.orientable = orientable;
    }

    @JsonValue
    public String noun() {
        return noun;
    }

    public String plural() {
        return this == CROSS ? "crosses" : noun + "s";
    }

    public boolean orientable() {
        return orientable;
    }

    @Override
    public String toString() {
        return noun;
    }
}
