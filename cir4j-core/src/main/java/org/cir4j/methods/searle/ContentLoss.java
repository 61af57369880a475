package org.cir4j.methods.searle;

/** The OTI content loss (Eq. 1) and its "L2 loss" ablation of Table VIII. */
public enum ContentLoss {
    /** 1 − cos(x, ȳ), the paper's loss. */
    COSINE,
    /**
     * Mean squared error between the unnormalised features x and ȳ. On L2-normalised features the
     * squared distance is exactly 2·(1 − cos), which would not be an ablation, so the paper's
     * "L2-based" loss is read as the distance of the raw features. The same form replaces the cosine in
     * L_gpt (the paper substitutes it "in Eqs. 1 and 2").
     */
    L2;

    public static ContentLoss parse(String s) {
        return switch (s.toLowerCase()) {
            case "cosine", "cos" -> COSINE;
            case "l2", "mse" -> L2;
            default -> throw new IllegalArgumentException("loss '" + s + "': expected cosine or l2");
        };
    }
}
