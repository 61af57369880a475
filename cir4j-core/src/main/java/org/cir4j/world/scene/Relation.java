package org.cir4j.world.scene;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A spatial relation between two objects' centres. It holds when the centres differ by at least
 * {@link #MARGIN} of the canvas along its axis: enough (≈ 10 px at 96 px) to be seen, and the same test
 * serves captions and the ground-truth predicate.
 */
public enum Relation {
    LEFT_OF("left of", "to the left of"),
    RIGHT_OF("right of", "to the right of"),
    ABOVE("above", "above"),
    BELOW("below", "below");

    public static final double MARGIN = 0.1;

    private final String word;
    private final String phrase;

    Relation(String word, String phrase) {
        this.word = word;
        this.phrase = phrase;
    }

    @JsonValue
    public String word() {
        return word;
    }

    /** "to the left of" as used in captions. */
    public String phrase() {
        return phrase;
    }

    public Relation inverse() {
        return switch (this) {
            case LEFT_OF -> RIGHT_OF;
            case RIGHT_OF -> LEFT_OF;
            case ABOVE -> BELOW;
            case BELOW -> ABOVE;
        };
    }

    /** Whether the relation holds from centre {@code (ax, ay)} to centre {@code (bx, by)} (y down). */
    public boolean holds(double ax, double ay, double bx, double by) {
        return switch (this) {
            case LEFT_OF -> ax <= bx - MARGIN;
            case RIGHT_OF -> ax >= bx + MARGIN;
            case ABOVE -> ay <= by - MARGIN;
            case BELOW -> ay >= by + MARGIN;
        };
    }

    public boolean holds(SceneObject a, SceneObject b) {
        return holds(a.x(), a.y(), b.x(), b.y());
    }

    @Override
    public String toString() {
        return word;
    }
}
