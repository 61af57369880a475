package org.cir4j.methods.searle;

/** The φ distillation loss and its ablations (Table VIII, lower half). */
public enum Distillation {
    /** Eq. 4, symmetric contrastive between φ(x) and the OTI tokens, τ = 0.25 (iSEARLE, SEARLE). */
    CONTRASTIVE,
    /** "cos distil": 1 − cos(φ(x), v̄*). */
    COSINE,
    /**
     * "w/o distil" as the paper defines it: no OTI tokens; L_distil is replaced by PALAVRA's cycle
     * contrastive loss between the image features and ψT("a photo of $") with the predicted token.
     */
    CYCLE,
    /** No distillation term at all: φ trained by its regularisers only (a stricter reading of "w/o distil"). */
    NONE;

    public static Distillation parse(String s) {
        return switch (s.toLowerCase()) {
            case "contrastive" -> CONTRASTIVE;
            case "cosine", "cos" -> COSINE;
            case "cycle", "w/o", "without" -> CYCLE;
            case "none", "off" -> NONE;
            default -> throw new IllegalArgumentException("distil '" + s + "': expected contrastive, cosine, cycle or none");
        };
    }
}
