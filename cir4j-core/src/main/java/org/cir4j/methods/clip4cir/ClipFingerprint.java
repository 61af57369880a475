package org.cir4j.methods.clip4cir;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.cir4j.model.ClipModel;
import org.cir4j.model.WeightsFile;

/**
 * Identities of CLIP models, so that a Combiner checkpoint can refuse a CLIP it was not trained on.
 *
 * <p>{@link #of(ClipModel)} hashes the weights in memory (names, shapes and float32 values in canonical
 * order): it identifies the model however it was loaded (HF or open_clip layout), which is what a
 * composer needs since it only sees the loaded model. {@link #fileSha256} is the usual file identity
 * (first 12 hex of {@code sha256(model.safetensors)}) recorded for people.
 */
public final class ClipFingerprint {

    private ClipFingerprint() {}

    /** First 16 hex digits of SHA-256 over the model's state (name, shape, little-endian float32 values). */
    public static String of(ClipModel model) {
        MessageDigest md = sha256();
        for (Map.Entry<String, NDArray> e : model.stateDict().entrySet()) {
            md.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            md.update(e.getValue().getShape().toString().getBytes(StandardCharsets.UTF_8));
            float[] v = e.getValue().toFloatArray();
            ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
            md.update(b.array());
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 16);
    }

    /** First 12 hex digits of SHA-256 of the weights file of a model directory ({@link WeightsFile}). */
    public static String fileSha256(Path modelPath) throws IOException {
        return WeightsFile.sha256Prefix(modelPath);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
