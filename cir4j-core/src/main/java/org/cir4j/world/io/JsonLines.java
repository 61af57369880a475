package org.cir4j.world.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Builds a JSON-lines file in memory and writes it atomically. */
public final class JsonLines {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);

    public void add(Object value) {
        try {
            buf.write(Json.compact().writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
        buf.write('\n');
    }

    public void addText(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        buf.write(b, 0, b.length);
        buf.write('\n');
    }

    public void writeTo(Path file) throws IOException {
        AtomicFiles.write(file, buf.toByteArray());
    }
}
