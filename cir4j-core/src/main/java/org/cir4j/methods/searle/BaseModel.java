package org.cir4j.methods.searle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.cir4j.model.ClipModel;

/**
 * The identity of the CLIP a token bank or φ checkpoint belongs to: the first 12 hex digits of the
 * sha256 of its {@code model.safetensors}, plus its dims. Tokens live in one model's token-embedding space
 * and are meaningless in another's, so loading checks both and fails naming both values.
 */
public record BaseModel(String identity, int embedDim, int tokenWidth) {

    public static BaseModel of(Path modelDir, ClipModel model) throws IOException {
        return new BaseModel(identity(modelDir), model.config().embedDim(), model.config().text().width());
    }

    /** sha256 (first 12 hex) of {@code DIR/model.safetensors} (or of the file itself if a file is given). */
    public static String identity(Path modelDir) throws IOException {
        Path f = Files.isDirectory(modelDir) ? modelDir.resolve("model.safetensors") : modelDir;
        if (!Files.isRegularFile(f)) {
            return "unknown";
        }
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
