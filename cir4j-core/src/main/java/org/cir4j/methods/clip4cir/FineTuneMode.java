package org.cir4j.methods.clip4cir;

import java.util.Locale;
import java.util.function.Predicate;

/** Which CLIP encoder stage 1 fine-tunes (the paper's IFT / TFT ablation, reference {@code --clip-model-encoder}). */
public enum FineTuneMode {
    /** Image encoder only (IFT): parameters under {@code visual.}. */
    IMAGE("image"),
    /** Text encoder only (TFT): every parameter outside {@code visual.} except the (unused) logit scale. */
    TEXT("text"),
    /** Both encoders (the paper's default). */
    BOTH("both");

    private final String id;

    FineTuneMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public boolean trainsImage() {
        return this != TEXT;
    }

    public boolean trainsText() {
        return this != IMAGE;
    }

    /**
     * The parameters this mode trains. The logit scale never is: the loss uses the fixed scale 100, so it gets
     * no gradient (the reference leaves it trainable but it never changes).
     */
    public Predicate<String> parameters() {
        return switch (this) {
            case IMAGE -> n -> n.startsWith("visual.");
            case TEXT -> n -> !n.startsWith("visual.") && !n.equals("logit_scale");
            case BOTH -> n -> !n.equals("logit_scale");
        };
    }

    public static FineTuneMode fromId(String id) {
        return switch (id.toLowerCase(Locale.ROOT)) {
            case "image", "ift" -> IMAGE;
            case "text", "tft" -> TEXT;
            case "both" -> BOTH;
            default -> throw new IllegalArgumentException("unknown fine-tuning mode '" + id + "'; expected image, text or both");
        };
    }
}
