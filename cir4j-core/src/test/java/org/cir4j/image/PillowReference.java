package org.cir4j.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The Pillow-made fixtures next to {@code make_pillow_reference.py} in the test resources: encoded
 * files under {@code decode/} and uint8 tensors in {@code pillow-reference.safetensors} (read here
 * directly: the format is an 8-byte header length, a JSON header and raw data).
 */
final class PillowReference {

    private static final String BASE = "/org/cir4j/image/";
    private static volatile PillowReference instance;

    final JsonNode index;
    private final Map<String, byte[]> tensors = new HashMap<>();
    private final Map<String, int[]> shapes = new HashMap<>();

    private PillowReference() throws IOException {
        ObjectMapper json = new ObjectMapper();
        index = json.readTree(resource("pillow-reference.json"));
        byte[] all = resource("pillow-reference.safetensors");
        long headerLength = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        JsonNode header = json.readTree(new String(all, 8, (int) headerLength, StandardCharsets.UTF_8));
        int dataStart = 8 + (int) headerLength;
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode t = e.getValue();
            if (!t.get("dtype").asText().equals("U8")) {
                throw new IllegalStateException("tensor " + e.getKey() + " is " + t.get("dtype") + ", expected U8");
            }
            int from = dataStart + t.get("data_offsets").get(0).asInt();
            int to = dataStart + t.get("data_offsets").get(1).asInt();
            tensors.put(e.getKey(), Arrays.copyOfRange(all, from, to));
            int[] shape = new int[t.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.get("shape").get(i).asInt();
            }
            shapes.put(e.getKey(), shape);
        }
    }

    static PillowReference get() {
        if (instance == null) {
            synchronized (PillowReference.class) {
                if (instance == null) {
                    try {
                        instance = new PillowReference();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return instance;
    }

    static byte[] resource(String name) throws IOException {
        try (InputStream in = PillowReference.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IOException("test resource " + BASE + name + " is missing");
            }
            return in.readAllBytes();
        }
    }

    /** Samples of a tensor, interleaved HxWxC. */
    byte[] tensor(String key) {
        byte[] t = tensors.get(key);
        if (t == null) {
            throw new IllegalArgumentException("no reference tensor " + key);
        }
        return t;
    }

    int[] shape(String key) {
        tensor(key);
        return shapes.get(key);
    }

    /** Largest absolute difference between two sample arrays of equal length. */
    static int maxAbsDiff(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " vs " + b.length);
        }
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((a[i] & 0xFF) - (b[i] & 0xFF)));
        }
        return max;
    }
}
