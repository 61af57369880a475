package org.cir4j.index.gallery;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cir4j.util.AtomicFiles;

/**
 * {@code manifest.json} of a gallery index: what made its vectors. A query encoder with another model id,
 * preprocessing or dimension would compare incomparable vectors, so every open and every sync checks it.
 *
 * @param formatVersion  {@link #FORMAT_VERSION}
 * @param modelId        fingerprint of the image encoder (see {@link GalleryImageEncoder#modelId()})
 * @param modelPath      where the model was loaded from when the index was created (informative)
 * @param preprocessing  the image preprocessing, as {@code ImagePreprocessor.toString()}
 * @param dim            vector dimension
 * @param quantization   HNSW graph storage: {@code none} (float32) or {@code int8} (Lucene scalar quantization)
 * @param hnswM          HNSW max connections per node
 * @param hnswBeamWidth  HNSW construction beam width
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record IndexManifest(@JsonProperty("format_version") int formatVersion,
                            @JsonProperty("model_id") String modelId,
                            @JsonProperty("model_path") String modelPath,
                            @JsonProperty("preprocessing") String preprocessing,
                            @JsonProperty("dim") int dim,
                            @JsonProperty("quantization") Quantization quantization,
                            @JsonProperty("hnsw_m") int hnswM,
                            @JsonProperty("hnsw_beam_width") int hnswBeamWidth) {

    public static final int FORMAT_VERSION = 1;
    public static final String FILE = "manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public IndexManifest {
        if (dim < 1) {
            throw new IllegalArgumentException("index dim must be positive, found " + dim);
        }
    }

    public static IndexManifest read(Path indexDir) throws IOException {
        Path f = indexDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new IOException("not a cir4j gallery index: " + f + " is missing (create one with `cir4j index`)");
        }
        IndexManifest m;
        try {
            m = JSON.readValue(f.toFile(), IndexManifest.class);
        } catch (IOException e) {
            throw new IOException(f + ": unreadable index manifest: " + e.getMessage(), e);
        }
        if (m.formatVersion() < 1 || m.formatVersion() > FORMAT_VERSION) {
            throw new IOException(f + ": index format_version " + m.formatVersion() + " is not supported (this build reads 1.."
                    + FORMAT_VERSION + ")");
        }
        return m;
    }

    public void write(Path indexDir) throws IOException {
        AtomicFiles.write(indexDir.resolve(FILE), out -> JSON.writeValue(out, this));
    }

    /**
     * Fails loudly (naming both sides) when vectors from {@code encoder} cannot be compared with this index's.
     */
    public void requireCompatible(String otherModelId, String otherPreprocessing, int otherDim, Path where) {
        StringBuilder why = new StringBuilder();
        if (!modelId.equals(otherModelId)) {
            why.append("\n  model id: index ").append(modelId).append(" (").append(modelPath).append("), given ").append(otherModelId);
        }
        if (!preprocessing.equals(otherPreprocessing)) {
            why.append("\n  preprocessing: index ").append(preprocessing).append(", given ").append(otherPreprocessing);
        }
        if (dim != otherDim) {
            why.append("\n  dim: index ").append(dim).append(", given ").append(otherDim);
        }
        if (why.length() > 0) {
            throw new IllegalArgumentException("the index at " + where + " was built with another image encoder; its vectors "
                    + "cannot be compared with this model's (re-index with `cir4j index --out NEW_DIR`):" + why);
        }
    }

    /** How HNSW graph vectors are stored. */
    public enum Quantization {
        @JsonProperty("none") NONE,
        @JsonProperty("int8") INT8
    }
}
