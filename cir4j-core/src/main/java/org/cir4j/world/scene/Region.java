package org.cir4j.world.scene;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The nine cells of a 3×3 grid over the canvas. An object is in the cell that holds its centre; a
 * caption names the cell only when the centre is at least {@link #CLEAR_MARGIN} inside it, so that the
 * statement is visibly true, while the ground-truth predicate uses the plain cell test (a caption that
 * is clearly true is always true by the predicate).
 */
public enum Region {
    TOP_LEFT("top left", 0, 0, "in the top left corner", "to the top left corner"),
    TOP("top", 1, 0, "at the top", "to the top"),
    TOP_RIGHT("top right", 2, 0, "in the top right corner", "to the top right corner"),
    LEFT("left", 0, 1, "on the left", "to the left"),
    CENTRE("centre", 1, 1, "in the centre", "to the centre"),
    RIGHT("right", 2, 1, "on the right", "to the right"),
    BOTTOM_LEFT("bottom left", 0, 2, "in the bottom left corner", "to the bottom left corner"),
    BOTTOM("bottom", 1, 2, "at the bottom", "to the bottom"),
    BOTTOM_RIGHT("bottom right", 2, 2, "in the bottom right corner", "to the bottom right corner");

    /** Distance (canvas fractions) a centre must keep from the cell borders for a caption to name the cell. */
    public static final double CLEAR_MARGIN = 0.03;

    private final String word;
    private final int column;
    private final int row;
    private final String locative;
    private final String directional;

    Region(String word, int column, int row, String locative, String directional) {
        this.word = word;
        this.column = column;
        this.row = row;
        this.locative = locative;
        this.directional = directional;
    }

    @JsonValue
    public String word() {
        return word;
    }

    /** "in the top left corner" (where something is). */
    public String locative() {
        return locative;
    }

    /** "to the top left corner" (where something is moved). */
    public String directional() {
        return directional;
    }

    public int column() {
        return column;
    }

    public int row() {
        return row;
    }

    /** Cell of a centre at normalised {@code (x, y)}, y pointing down. */
    public static Region of(double x, double y) {
        return at(cell(x), cell(y));
    }

    public static Region at(int column, int row) {
        return values()[row * 3 + column];
    }

    /** The cell seen in a left-right mirror image. */
    public Region mirrored() {
        return at(2 - column, row);
    }

    /** The cell after a 180 degree rotation. */
    public Region rotated() {
        return at(2 - column, 2 - row);
    }

    /** Whether {@code (x, y)} is in this cell at least {@link #CLEAR_MARGIN} from its borders. */
    public boolean clearlyContains(double x, double y) {
        return inside(x, column) && inside(y, row);
    }

    /** Whether {@code (x, y)} is in this cell (the ground-truth test). */
    public boolean contains(double x, double y) {
        return cell(x) == column && cell(y) == row;
    }

    /** Lower bound of this cell's clear interval along one axis. */
    public static double clearLow(int index) {
        return index / 3.0 + CLEAR_MARGIN;
    }

    public static double clearHigh(int index) {
        return (index + 1) / 3.0 - CLEAR_MARGIN;
    }

    private static boolean inside(double v, int index) {
        return v >= clearLow(index) && v <= clearHigh(index);
    }

    private static int cell(double v) {
        return v < 1.0 / 3.0 ? 0 : v < 2.0 / 3.0 ? 1 : 2;
    }

    @Override
    public String toString() {
        return word;
    }
}
