package org.cir4j.methods.isa;

import ai.djl.ndarray.NDArray;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.cir4j.model.ClipModel;

/**
 * Which CLIP an ISA model was trained against. Tokens only mean something in the word-embedding space
 * (and against the gallery features) of that exact model, so a checkpoint records it and loading it
 * with another CLIP fails with both values.
 *
 * <p>The fingerprint is the SHA-256 (first 12 hex) of the float32 bytes of the tensors that define the
 * token space and the joint space — {@code token_embedding.weight}, {@code positional_embedding},
 * {@code text_projection} — computed from the loaded model (the checkpoint file's own hash cannot be
 * known from a {@link ClipModel}, and the same weights in another file layout are the same model).
 */
public record BaseModelIdentity(String fingerprint, int embedDim, int wordWidth, int imageSize, int visionWidth) {

    private static final String[] TENSORS = {"token_embedding.weight", "positional_embedding", "text_projection"};

    public static BaseModelIdentity of(ClipModel clip) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
        for (String name : TENSORS) {
            NDArray a = clip.stateDict().get(name);
            if (a == null) {
                throw new IllegalArgumentException("CLIP state has no '" + name + "'");
            }
            float[] v = a.toFloatArray();
            ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(v);
            sha.update(buf);
        }
        String hex = HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        return new BaseModelIdentity(hex, clip.config().embedDim(), clip.config().text().width(),
                clip.config().vision().imageSize(), clip.config().vision().width());
    }

    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("fingerprint", fingerprint);
        n.put("embed_dim", embedDim);
        n.put("word_width", wordWidth);
        n.put("image_size", imageSize);
        n.put("vision_width", visionWidth);
        return n;
    }

    public static BaseModelIdentity parse(JsonNode n, String source) {
        for (String f : new String[] {"fingerprint", "embed_dim", "word_width", "image_size", "vision_width"}) {
            if (n == null || !n.has(f)) {
                throw new IllegalArgumentException(source + ": base_model lacks '" + f + "'");
            }
        }
        return new BaseModelIdentity(n.get("fingerprint").asText(), n.get("embed_dim").asInt(), n.get("word_width").asInt(),
                n.get("image_size").asInt(), n.get("vision_width").asInt());
    }

    /** Fails, naming both values, unless {@code actual} is this model. */
    public void requireSame(BaseModelIdentity actual, String source) {
        if (!this.equals(actual)) {
            throw new IllegalArgumentException(source + " was trained against CLIP " + this
                    + " but the loaded CLIP is " + actual + "; retrain ISA for this model (cir4j train isa --model DIR)");
        }
    }
}
