package org.cir4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reader and writer of the safetensors format: an 8-byte little-endian header length N, N bytes of
 * JSON ({@code name → {dtype, shape, data_offsets}} plus an optional {@code __metadata__} string
 * map), then the raw little-endian tensor bytes.
 *
 * <p>Reading copies each tensor from the file into a direct buffer and from there into memory that
 * PyTorch owns (DJL's PyTorch engine would otherwise alias the Java buffer, see
 * {@link ClipOps#owned}); no memory mapping is kept, so weights stay writable for training. {@code BF16} tensors are widened to {@code FLOAT32} on read
 * because DJL's PyTorch bridge does not handle bfloat16 reliably on CPU; all other dtypes keep their
 * type. Every malformed header is reported with the file and, where it applies, the tensor name.
 *
 * <p>Writing emits tensors in the map's order with {@code __metadata__} first, pads the header with
 * spaces to a multiple of 8 (as the reference implementation does) and writes
 * {@code {"format": "pt"}} metadata unless given other metadata, so Hugging Face transformers accepts
 * the file.
 */
public final class SafeTensors {

    /** Upper bound on a header; the reference implementation uses 100 MB. */
    private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafeTensors() {}

    /**
     * One tensor's header entry.
     *
     * @param dtype safetensors dtype string ({@code F32}, {@code F16}, {@code BF16}, {@code I64}, …)
     * @param shape dimensions ({@code []} for a scalar)
     * @param begin first byte, relative to the end of the header
     * @param end one past the last byte
     */
    public record Entry(String dtype, long[] shape, long begin, long end) {
        public Shape djlShape() {
            return new Shape(shape);
        }
    }

    /**
     * A parsed header.
     *
     * @param tensors name → entry, in file order
     * @param metadata the {@code __metadata__} map (empty if absent)
     * @param dataStart absolute file offset of the tensor bytes (8 + header length)
     */
    public record Header(Map<String, Entry> tensors, Map<String, String> metadata, long dataStart) {}

    /** Parses and validates the header of {@code file} without reading tensor data. */
    public static Header readHeader(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(ch, file);
        }
    }

    /** Reads every tensor of {@code file} into {@code manager}, in file order. */
    public static Map<String, NDArray> read(Path file, NDManager manager) throws IOException {
        return read(file, manager, name -> true);
    }

    /**
     * Reads the tensors whose names pass {@code include} into {@code manager}, in file order.
     * On failure no array is left behind in {@code manager}.
     */
    public static Map<String, NDArray> read(Path file, NDManager manager, Predicate<String> include)
            throws IOException {
        requireLittleEndianHost();
        Map<String, NDArray> out = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = readHeader(ch, file);
            for (Map.Entry<String, Entry> e : header.tensors().entrySet()) {
                if (!include.test(e.getKey())) {
                    continue;
                }
                NDArray array = readTensor(ch, file, header.dataStart(), e.getKey(), e.getValue(), manager);
                // Not scoped: a caller's NDScope must not close freshly loaded tensors.
                NDScope.unregister(array);
                array.setName(e.getKey());
                out.put(e.getKey(), array);
            }
        } catch (IOException | RuntimeException ex) {
            out.values().forEach(NDArray::close);
            throw ex;
        }
        return out;
    }

    /**
     * Writes {@code tensors} to {@code file} (replacing it) with {@code {"format": "pt"}} metadata.
     * Arrays are written as their own dtype, row-major, whatever their memory layout.
     */
    public static void write(Path file, Map<String, NDArray> tensors) throws IOException {
        write(file, tensors, Map.of("format", "pt"));
    }

    /** Writes {@code tensors} to {@code file} (replacing it) with the given metadata. */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata)
            throws IOException {
        requireLittleEndianHost();
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            NDArray a = e.getValue();
            if (e.getKey().equals("__metadata__")) {
                throw new IllegalArgumentException("'__metadata__' cannot be a tensor name");
            }
            long bytes = a.getShape().size() * a.getDataType().getNumOfBytes();
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", dtypeName(a.getDataType(), e.getKey()));
            ArrayNode shape = entry.putArray("shape");
            for (long dim : a.getShape().getShape()) {
                shape.add(dim);
            }
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        head.putLong(padded).put(json);
        while (head.hasRemaining()) {
            head.put((byte) ' ');
        }
        head.flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, head);
            for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
                NDArray a = e.getValue();
                if (a.getShape().size() == 0) {
                    continue;
                }
                // toByteBuffer() yields the logical (row-major) order even for transposed views.
                ByteBuffer data = a.toByteBuffer();
                long expected = a.getShape().size() * a.getDataType().getNumOfBytes();
                if (data.remaining() != expected) {
                    throw new IOException("tensor '" + e.getKey() + "' gave " + data.remaining()
                            + " bytes, expected " + expected + " for shape " + a.getShape());
                }
                writeFully(ch, data);
            }
            ch.force(true);
        }
    }

    private static Header readHeader(FileChannel ch, Path file) throws IOException {
        long fileSize = ch.size();
        if (fileSize < 8) {
            throw new CheckpointFormatException(file, "not a safetensors file: " + fileSize + " bytes, no header");
        }
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0, file);
        long n = lenBuf.getLong(0);
        if (n <= 0 || n > MAX_HEADER_BYTES || n > fileSize - 8) {
            throw new CheckpointFormatException(file, "not a safetensors file: header length " + n
                    + " is impossible for a file of " + fileSize + " bytes");
        }
        ByteBuffer json = ByteBuffer.allocate((int) n);
        readFully(ch, json, 8, file);
        JsonNode root;
        try {
            root = JSON.readTree(new String(json.array(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CheckpointFormatException(file, "safetensors header is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointFormatException(file, "safetensors header is not a JSON object");
        }
        long dataStart = 8 + n;
        long dataLength = fileSize - dataStart;
        Map<String, Entry> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            JsonNode v = f.getValue();
            if (name.equals("__metadata__")) {
                v.fields().forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            tensors.put(name, parseEntry(file, name, v, dataLength));
        }
        return new Header(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata), dataStart);
    }

    private static Entry parseEntry(Path file, String name, JsonNode v, long dataLength)
            throws CheckpointFormatException {
        JsonNode dtype = v.get("dtype");
        JsonNode shape = v.get("shape");
        JsonNode offsets = v.get("data_offsets");
        if (dtype == null || !dtype.isTextual() || shape == null || !shape.isArray() || offsets == null
                || !offsets.isArray() || offsets.size() != 2) {
            throw new CheckpointFormatException(file, "tensor '" + name
                    + "': header entry needs dtype, shape and two data_offsets, found " + v);
        }
        long[] dims = new long[shape.size()];
        long numel = 1;
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).asLong(-1);
            if (dims[i] < 0 || !shape.get(i).isIntegralNumber()) {
                throw new CheckpointFormatException(file, "tensor '" + name + "': invalid shape " + shape);
            }
            numel = Math.multiplyExact(numel, dims[i]);
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (begin < 0 || end < begin || end > dataLength) {
            throw new CheckpointFormatException(file, "tensor '" + name + "': data_offsets " + offsets
                    + " outside the data section of " + dataLength + " bytes");
        }
        long expected = Math.multiplyExact(numel, bytesPer(dtype.asText(), file, name));
        if (end - begin != expected) {
            throw new CheckpointFormatException(file, "tensor '" + name + "': " + (end - begin)
                    + " bytes for dtype " + dtype.asText() + " and shape " + shape + ", expected " + expected);
        }
        return new Entry(dtype.asText(), dims, begin, end);
    }

    private static NDArray readTensor(FileChannel ch, Path file, long dataStart, String name, Entry e,
            NDManager manager) throws IOException {
        long bytes = e.end() - e.begin();
        if (bytes > Integer.MAX_VALUE - 16) {
            throw new CheckpointFormatException(file, "tensor '" + name + "' has " + bytes
                    + " bytes, more than one NDArray buffer can take (2 GiB)");
        }
        ByteBuffer buf = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, buf, dataStart + e.begin(), file);
        buf.rewind();
        Shape shape = e.djlShape();
        if (e.dtype().equals("BF16")) {
            return bf16ToFloat32(buf, shape, manager);
        }
        DataType type = dataType(e.dtype(), file, name);
        if (shape.size() == 0) {
            return manager.zeros(shape, type);
        }
        return ClipOps.owned(manager.create(buf, shape, type));
    }

    /** bfloat16 is the upper half of a float32: widen by shifting each value left by 16 bits. */
    private static NDArray bf16ToFloat32(ByteBuffer src, Shape shape, NDManager manager) {
        int n = (int) shape.size();
        ByteBuffer dst = ByteBuffer.allocateDirect(Math.max(4, n * 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            dst.putInt(i * 4, (src.getShort(i * 2) & 0xFFFF) << 16);
        }
        if (n == 0) {
            return manager.zeros(shape, DataType.FLOAT32);
        }
        dst.limit(n * 4);
        return ClipOps.owned(manager.create(dst, shape, DataType.FLOAT32));
    }

    private static long bytesPer(String dtype, Path file, String name) throws CheckpointFormatException {
        return switch (dtype) {
            case "F64", "I64", "U64" -> 8;
            case "F32", "I32", "U32" -> 4;
            case "F16", "BF16", "I16", "U16" -> 2;
            case "I8", "U8", "BOOL" -> 1;
            default -> throw new CheckpointFormatException(file, "tensor '" + name + "': unsupported dtype "
                    + dtype);
        };
    }

    private static DataType dataType(String dtype, Path file, String name) throws CheckpointFormatException {
        return switch (dtype) {
            case "F64" -> DataType.FLOAT64;
            case "F32" -> DataType.FLOAT32;
            case "F16" -> DataType.FLOAT16;
            case "I64" -> DataType.INT64;
            case "I32" -> DataType.INT32;
            case "I16" -> DataType.INT16;
            case "I8" -> DataType.INT8;
            case "U8" -> DataType.UINT8;
            case "BOOL" -> DataType.BOOLEAN;
            default -> throw new CheckpointFormatException(file, "tensor '" + name + "': dtype " + dtype
                    + " cannot be loaded into an NDArray");
        };
    }

    private static String dtypeName(DataType type, String name) {
        return switch (type) {
            case FLOAT64 -> "F64";
            case FLOAT32 -> "F32";
            case FLOAT16 -> "F16";
            case BFLOAT16 -> "BF16";
            case INT64 -> "I64";
            case INT32 -> "I32";
            case INT16 -> "I16";
            case INT8 -> "I8";
            case UINT8 -> "U8";
            case BOOLEAN -> "BOOL";
            default -> throw new IllegalArgumentException("tensor '" + name + "': dtype " + type
                    + " has no safetensors equivalent");
        };
    }

    private static void readFully(FileChannel ch, ByteBuffer dst, long position, Path file) throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int r = ch.read(dst, pos);
            if (r < 0) {
                throw new CheckpointFormatException(file, "file ends early at byte " + pos);
            }
            pos += r;
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            ch.write(src);
        }
    }

    private static void requireLittleEndianHost() {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new UnsupportedOperationException("safetensors I/O needs a little-endian host (NDArray buffers "
                    + "are native order), this host is " + ByteOrder.nativeOrder());
        }
    }
}
