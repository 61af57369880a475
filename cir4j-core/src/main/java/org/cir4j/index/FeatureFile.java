package org.cir4j.index;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cir4j.model.CheckpointFormatException;
import org.cir4j.model.SafeTensors;
import org.cir4j.util.AtomicFiles;

/**
 * Features with their names in one safetensors file, as {@code cir4j encode} writes them, readable from
 * Python with {@code safetensors.numpy.load_file}:
 * <ul>
 *   <li>{@code features}: F32 {@code [n, d]}, row i belongs to name i;</li>
 *   <li>{@code names}: U8, the UTF-8 bytes of a JSON array of n strings
 *       ({@code json.loads(bytes(t["names"]))}). A tensor rather than a sidecar file so that features and
 *       names are replaced together in one atomic rename and can never disagree;</li>
 *   <li>{@code __metadata__}: {@code format} = {@value #FORMAT}, {@code format_version}, plus what the
 *       writer records (model, preprocessing, normalisation).</li>
 * </ul>
 */
public final class FeatureFile {
    public static final String FORMAT = "cir4j-features";
    public static final String VERSION = "1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The contents of a feature file: {@code matrix} is row-major {@code names.size() × dim}. */
    public record Contents(List<String> names, float[] matrix, int dim, Map<String, String> metadata) {
        /** Row {@code i} (a copy). */
        public float[] row(int i) {
            float[] r = new float[dim];
            System.arraycopy(matrix, i * dim, r, 0, dim);
            return r;
        }
    }

    private FeatureFile() {}

    /**
     * Writes (atomically: temp file + rename) {@code names.size()} rows of {@code matrix}.
     *
     * @param metadata extra string metadata ({@code format} and {@code format_version} are added)
     */
    public static void write(Path file, List<String> names, float[] matrix, int dim, Map<String, String> metadata)
            throws IOException {
        if (dim <= 0 || (long) names.size() * dim != matrix.length) {
            throw new IllegalArgumentException("feature matrix has " + matrix.length + " floats, expected "
                    + names.size() + " names x dim " + dim);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("format_version", VERSION);
        meta.putAll(metadata);
        byte[] nameBytes = JSON.writeValueAsBytes(names);
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> tensors = new LinkedHashMap<>();
            tensors.put("features", m.create(matrix, new Shape(names.size(), dim)));
            ByteBuffer nb = m.allocateDirect(nameBytes.length);
            nb.put(nameBytes).flip();
            tensors.put("names", m.create(nb, new Shape(nameBytes.length), DataType.UINT8));
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "." + file.getFileName() + ".", ".tmp");
            try {
                SafeTensors.write(tmp, tensors, meta);
                AtomicFiles.move(tmp, file);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Reads a feature file written by {@link #write}.
     *
     * @throws CheckpointFormatException naming the file if it is not a cir4j feature file or is inconsistent
     */
    public static Contents read(Path file) throws IOException {
        SafeTensors.Header header = SafeTensors.readHeader(file);
        if (!FORMAT.equals(header.metadata().get("format"))) {
            throw new CheckpointFormatException(file, "not a " + FORMAT + " file (metadata format = "
                    + header.metadata().get("format") + ")");
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> t = SafeTensors.read(file, m);
            NDArray f = t.get("features");
            NDArray n = t.get("names");
            if (f == null || n == null) {
                throw new CheckpointFormatException(file, "expected tensors 'features' and 'names', found " + t.keySet());
            }
            if (f.getShape().dimension() != 2 || f.getDataType() != DataType.FLOAT32) {
                throw new CheckpointFormatException(file, "'features': expected F32 [n, d], found "
                        + f.getDataType() + " " + f.getShape());
            }
            List<String> names = JSON.readValue(n.toByteArray(), new TypeReference<List<String>>() { });
            if (names.size() != f.getShape().get(0)) {
                throw new CheckpointFormatException(file, names.size() + " names but " + f.getShape().get(0)
                        + " feature rows");
            }
            return new Contents(names, f.toFloatArray(), (int) f.getShape().get(1), header.metadata());
        }
    }
}
