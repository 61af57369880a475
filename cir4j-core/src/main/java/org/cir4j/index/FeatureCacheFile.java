package org.cir4j.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * One (model, preprocessing) feature cache on disk, in the safetensors format so Python can read it too:
 * an 8-byte little-endian header length, a JSON header, then the raw tensors
 * <ul>
 *   <li>{@code sha256}: U8 {@code [n, 32]}, the SHA-256 of each encoded image file's bytes;</li>
 *   <li>{@code features}: F32 {@code [n, d]}, the encoder's output for that image, little-endian.</li>
 * </ul>
 * {@code __metadata__} holds the format name and version, both keys, and the SHA-256 of the data section,
 * so truncation or bit rot is detected instead of silently serving wrong vectors.
 */
final class FeatureCacheFile {
    static final String FORMAT = "cir4j-feature-cache";
    static final String VERSION = "1";
    static final int HASH_BYTES = 32;
    private static final long MAX_HEADER = 1L << 24;
    private static final int CHUNK = 1 << 23;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Contents: {@code hashes} is {@code n × 32} bytes, {@code features} is {@code n × dim} floats. */
    record Contents(String modelKey, String preprocessingKey, int count, int dim, byte[] hashes, float[] features) {}

    private FeatureCacheFile() {}

    static Contents read(Path file, String expectedModelKey, String expectedPreprocessingKey) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new CorruptCacheException(file, "only " + size + " bytes, no safetensors header");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, file);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
                throw new CorruptCacheException(file, "header length " + headerLen + " does not fit a file of " + size + " bytes");
            }
            ByteBuffer headerBuf = ByteBuffer.allocate((int) headerLen);
            readFully(ch, headerBuf, file);
            JsonNode header;
            try {
                header = JSON.readTree(new String(headerBuf.array(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new CorruptCacheException(file, "header is not valid JSON", e);
            }
            if (header == null || !header.isObject()) {
                throw new CorruptCacheException(file, "header is not a JSON object");
            }
            JsonNode meta = header.get("__metadata__");
            if (meta == null || !FORMAT.equals(meta.path("format").asText(null))) {
                throw new CorruptCacheException(file, "not a " + FORMAT + " file (metadata " + meta + ")");
            }
            if (!VERSION.equals(meta.path("version").asText(null))) {
                throw new CorruptCacheException(file, "format version " + meta.path("version").asText(null) + ", this code reads " + VERSION);
            }
            String modelKey = meta.path("model_key").asText(null);
            String prepKey = meta.path("preprocessing_key").asText(null);
            if (!expectedModelKey.equals(modelKey) || !expectedPreprocessingKey.equals(prepKey)) {
                throw new CorruptCacheException(file, "holds features of model '" + modelKey + "' / preprocessing '" + prepKey
                        + "', expected '" + expectedModelKey + "' / '" + expectedPreprocessingKey + "'");
            }
            String payloadSha = meta.path("payload_sha256").asText(null);

            long[] hashShape = shape(file, header, "sha256", "U8", 2);
            long[] featShape = shape(file, header, "features", "F32", 2);
            long n = hashShape[0];
            if (hashShape[1] != HASH_BYTES || featShape[0] != n || featShape[1] <= 0) {
                throw new CorruptCacheException(file, "tensor shapes sha256 " + java.util.Arrays.toString(hashShape) + " and features "
                        + java.util.Arrays.toString(featShape) + " disagree");
            }
            long dim = featShape[1];
            long hashBytes = n * HASH_BYTES;
            long featBytes = n * dim * 4;
            checkOffsets(file, header, "sha256", 0, hashBytes);
            checkOffsets(file, header, "features", hashBytes, hashBytes + featBytes);
            long dataStart = 8 + headerLen;
            if (size != dataStart + hashBytes + featBytes) {
                throw new CorruptCacheException(file, "file has " + size + " bytes, header describes " + (dataStart + hashBytes + featBytes)
                        + " (truncated or appended to)");
            }
            if (n * dim > Integer.MAX_VALUE - 8) {
                throw new CorruptCacheException(file, n + " x " + dim + " features exceed one Java array");
            }

            MessageDigest digest = sha256();
            byte[] hashes = new byte[(int) hashBytes];
            ByteBuffer hb = ByteBuffer.wrap(hashes);
            readFully(ch, hb, file);
            digest.update(hashes);
            float[] features = new float[(int) (n * dim)];
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            int pos = 0;
            long remaining = featBytes;
            while (remaining > 0) {
                chunk.clear().limit((int) Math.min(CHUNK, remaining));
                readFully(ch, chunk, file);
                chunk.flip();
                digest.update(chunk.array(), 0, chunk.limit());
                int floats = chunk.limit() / 4;
                chunk.asFloatBuffer().get(features, pos, floats);
                pos += floats;
                remaining -= chunk.limit();
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(payloadSha)) {
                throw new CorruptCacheException(file, "data checksum " + actual + " differs from the recorded " + payloadSha);
            }
            return new Contents(modelKey, prepKey, (int) n, (int) dim, hashes, features);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read feature cache " + file, e);
        }
    }

    /** Writes {@code contents} to a temp file beside {@code file}, syncs it, and moves it into place atomically. */
    static void write(Path file, Contents c) {
        long hashBytes = (long) c.count() * HASH_BYTES;
        long featBytes = (long) c.count() * c.dim() * 4;
        MessageDigest digest = sha256();
        digest.update(c.hashes(), 0, (int) hashBytes);
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        int total = c.count() * c.dim();
        for (int pos = 0; pos < total; ) {
            int floats = Math.min(CHUNK / 4, total - pos);
            chunk.clear();
            chunk.asFloatBuffer().put(c.features(), pos, floats);
            digest.update(chunk.array(), 0, floats * 4);
            pos += floats;
        }
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        meta.put("format", FORMAT);
        meta.put("version", VERSION);
        meta.put("model_key", c.modelKey());
        meta.put("preprocessing_key", c.preprocessingKey());
        meta.put("payload_sha256", HexFormat.of().formatHex(digest.digest()));
        tensor(header, "sha256", "U8", new long[] {c.count(), HASH_BYTES}, 0, hashBytes);
        tensor(header, "features", "F32", new long[] {c.count(), c.dim()}, hashBytes, hashBytes + featBytes);
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8; // safetensors pads the header with spaces to 8 bytes
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    writeFully(ch, head);
                    writeFully(ch, ByteBuffer.wrap(c.hashes(), 0, (int) hashBytes));
                    for (int pos = 0; pos < total; ) {
                        int floats = Math.min(CHUNK / 4, total - pos);
                        chunk.clear();
                        chunk.asFloatBuffer().put(c.features(), pos, floats);
                        chunk.limit(floats * 4);
                        writeFully(ch, chunk);
                        pos += floats;
                    }
                    ch.force(true);
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write feature cache " + file, e);
        }
    }

    private static void tensor(ObjectNode header, String name, String dtype, long[] shape, long start, long end) {
        ObjectNode t = header.putObject(name);
        t.put("dtype", dtype);
        t.putArray("shape").add(shape[0]).add(shape[1]);
        t.putArray("data_offsets").add(start).add(end);
    }

    private static long[] shape(Path file, JsonNode header, String name, String dtype, int rank) {
        JsonNode t = header.get(name);
        if (t == null || !t.isObject()) {
            throw new CorruptCacheException(file, "tensor '" + name + "' missing");
        }
        if (!dtype.equals(t.path("dtype").asText(null))) {
            throw new CorruptCacheException(file, "tensor '" + name + "' has dtype " + t.path("dtype").asText(null) + ", expected " + dtype);
        }
        JsonNode s = t.get("shape");
        if (s == null || !s.isArray() || s.size() != rank) {
            throw new CorruptCacheException(file, "tensor '" + name + "' has shape " + s + ", expected rank " + rank);
        }
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            if (!s.get(i).canConvertToLong() || s.get(i).asLong() < 0) {
                throw new CorruptCacheException(file, "tensor '" + name + "' has shape " + s);
            }
            out[i] = s.get(i).asLong();
        }
        return out;
    }

    private static void checkOffsets(Path file, JsonNode header, String name, long start, long end) {
        JsonNode o = header.get(name).get("data_offsets");
        if (o == null || !o.isArray() || o.size() != 2 || o.get(0).asLong(-1) != start || o.get(1).asLong(-1) != end) {
            throw new CorruptCacheException(file, "tensor '" + name + "' has data_offsets " + o + ", expected [" + start + ", " + end + "]");
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, Path file) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf) < 0) {
                throw new CorruptCacheException(file, "unexpected end of file", new EOFException());
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
