package org.cir4j.data;

import java.util.Locale;
import java.util.Optional;

/**
 * CIRCO's nine semantic aspects of a relative caption (iSEARLE Table V), in the order of CIRCO's
 * official evaluation script.
 *
 * <p>Two spellings exist: the project's contract and the synthetic world use the display names
 * ({@code "compare & change"}), while the released {@code CIRCO/annotations/val.json} uses
 * underscore tokens ({@code "compare_change"}). {@link #parse} accepts both so the same reader serves
 * the real dataset and the world; reports always use {@link #displayName()}.
 */
public enum SemanticAspect {
    CARDINALITY("cardinality", "cardinality"),
    ADDITION("addition", "addition"),
    NEGATION("negation", "negation"),
    DIRECT_ADDRESSING("direct addressing", "direct_addressing"),
    COMPARE_CHANGE("compare & change", "compare_change"),
    COMPARATIVE_STATEMENT("comparative statement", "comparative_statement"),
    STATEMENT_WITH_CONJUNCTION("statement with conjunction", "statement_with_conjunction"),
    SPATIAL_RELATIONS_BACKGROUND("spatial relations & background", "spatial_relations_background"),
    VIEWPOINT("viewpoint", "viewpoint");

    private final String displayName;
    private final String circoToken;

    SemanticAspect(String displayName, String circoToken) {
        this.displayName = displayName;
        this.circoToken = circoToken;
    }

    /** The contract's name, e.g. {@code "spatial relations & background"}. */
    public String displayName() {
        return displayName;
    }

    /** The token in the released CIRCO annotations, e.g. {@code "spatial_relations_background"}. */
    public String circoToken() {
        return circoToken;
    }

    /** Either spelling (case-insensitive, surrounding blanks ignored); empty when unknown. */
    public static Optional<SemanticAspect> parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (SemanticAspect a : values()) {
            if (a.displayName.equals(n) || a.circoToken.equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
