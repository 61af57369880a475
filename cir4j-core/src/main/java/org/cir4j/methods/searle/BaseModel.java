package org.cir4j.methods.searle;

import java.io.IOException;
import java.nio.file.Path;
import org.cir4j.model.ClipModel;
import org.cir4j.model.WeightsFile;

/**
 * The identity of the CLIP a token bank or φ checkpoint belongs to: the first 12 hex digits of the
 * sha256 of its weights file, plus its dims. Tokens live in one model's token-embedding space
 * and are meaningless in another's, so loading checks both and fails naming both values.
 */
public record BaseModel(String identity, int embedDim, int tokenWidth) {

    public static BaseModel of(Path modelDir, ClipModel model) throws IOException {
        return new BaseModel(identity(modelDir), model.config().embedDim(), model.config().text().width());
    }

    /** The model's weights identity ({@link WeightsFile#sha256Prefix}), or "unknown" without a weights file. */
    public static String identity(Path modelDir) throws IOException {
        return WeightsFile.sha256PrefixOrUnknown(modelDir);
    }

    /** Fails loudly if {@code other} (what an artifact was made with) differs from this model. */
    public void requireSame(BaseModel other, String artifact) {
        if (embedDim != other.embedDim || tokenWidth != other.tokenWidth) {
            throw new IllegalArgumentException(artifact + " was made for a CLIP with embed dim " + other.embedDim
                    + " and token width " + other.tokenWidth + ", this CLIP has " + embedDim + " and " + tokenWidth);
        }
        if (!identity.equals(other.identity) && !"unknown".equals(identity) && !"unknown".equals(other.identity)) {
            throw new IllegalArgumentException(artifact + " was made with base model " + other.identity
                    + ", the loaded model is " + identity);
        }
    }
}
