package org.cir4j.eval;

import java.util.Locale;
import org.cir4j.image.ImagePreprocessor;

/** The image preprocessing an evaluation encodes the gallery (and query images) with. */
public enum PreprocessMode {
    /** CLIP's resize + centre crop. */
    CLIP("clip"),
    /** CLIP4Cir's target pad, ratio 1.25. */
    TARGETPAD("targetpad"),
    /** Pad to square, then resize (what the project's mini-CLIP is trained with: garment images are not square). */
    SQUAREPAD("squarepad");

    private final String id;

    PreprocessMode(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public ImagePreprocessor create(int size) {
        return switch (this) {
            case CLIP -> ImagePreprocessor.clip(size);
            case TARGETPAD -> ImagePreprocessor.targetPad(size);
            case SQUAREPAD -> ImagePreprocessor.squarePad(size);
        };
    }

    public static PreprocessMode parse(String s) {
        for (PreprocessMode m : values()) {
            if (m.id.equals(s.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown preprocessing '" + s + "'; expected clip, targetpad or squarepad");
    }

    /** Default: square pad for the synthetic world (matches the mini-CLIP's training), CLIP's transform otherwise. */
    public static PreprocessMode defaultFor(BenchmarkSource source) {
        return source == BenchmarkSource.WORLD ? SQUAREPAD : CLIP;
    }
}
