package org.cir4j.methods.isa.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a float32 safetensors file into plain arrays: 8-byte little-endian header length, JSON header
 * ({@code name → {dtype, shape, data_offsets}}), then the data. Enough for a device runtime; no DJL.
 */
final class SafetensorsReader {

    private SafetensorsReader() {}

    static Map<String, Tensor> read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 8) {
            throw new IOException(file + ": too short for a safetensors file (" + all.length + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen = buf.getLong(0);
        if (headerLen <= 0 || 8 + headerLen > all.length) {
            throw new IOException(file + ": header length " + headerLen + " does not fit the file of " + all.length + " bytes");
        }
        JsonNode header = new ObjectMapper().readTree(new String(all, 8, (int) headerLen, StandardCharsets.UTF_8));
        int dataStart = 8 + (int) headerLen;
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode t = e.getValue();
            if (!"F32".equals(t.path("dtype").asText())) {
                throw new IOException(file + ": tensor '" + e.getKey() + "' has dtype " + t.path("dtype").asText() + ", expected F32");
            }
            int[] shape = new int[t.get("shape").size()];
            int n = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.get("shape").get(i).asInt();
                n *= shape[i];
            }
            long begin = t.get("data_offsets").get(0).asLong();
            long end = t.get("data_offsets").get(1).asLong();
            if (end - begin != 4L * n || dataStart + end > all.length) {
                throw new IOException(file + ": tensor '" + e.getKey() + "' offsets [" + begin + ", " + end + ") do not hold "
                        + n + " floats inside the file");
            }
            float[] data = new float[n];
            ByteBuffer slice = ByteBuffer.wrap(all, (int) (dataStart + begin), 4 * n).order(ByteOrder.LITTLE_ENDIAN);
            slice.asFloatBuffer().get(data);
            out.put(e.getKey(), new Tensor(data, shape));
        }
        return out;
    }
}
