package org.cir4j.world.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cir4j.util.AtomicFiles;

/**
 * JSON-lines files: builds one in memory and writes it atomically; {@link #read} streams one back, one
 * record per non-blank line, naming the file and line of anything it cannot parse.
 */
public final class JsonLines {
    /** Receives each record of a file with its 1-based line number (for the caller's own checks' messages). */
    @FunctionalInterface
    public interface RecordHandler<T> {
        void accept(T record, int line) throws IOException;
    }

    /**
     * Parses every non-blank line of {@code file} as a {@code type} with {@code mapper} and hands it to
     * {@code handler}, in file order.
     *
     * @throws IOException if the file cannot be read, a line does not parse ("FILE line N: …"), or the handler throws
     */
    public static <T> void read(Path file, ObjectMapper mapper, Class<T> type, RecordHandler<T> handler) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                T record;
                try {
                    record = mapper.readValue(line, type);
                } catch (IOException e) {
                    throw new IOException(file + " line " + lineNo + ": " + e.getMessage(), e);
                }
                handler.accept(record, lineNo);
            }
        }
    }

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
