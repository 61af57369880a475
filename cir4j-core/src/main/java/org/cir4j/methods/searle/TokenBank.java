package org.cir4j.methods.searle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cir4j.model.SafeTensors;
import org.cir4j.util.AtomicFiles;

/**
 * Pseudo-word tokens by image name: one safetensors file holding the tensor {@code tokens} (N,w) and, in
 * its {@code __metadata__}, the image names (JSON array, row order), the base model's identity and how the
 * tokens were made. Written atomically, so a resumed {@code cir4j oti} run never sees half a bank.
 */
public final class TokenBank {
    public static final int FORMAT_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> names;
    private final float[][] tokens;
    private final Map<String, String> metadata;
    private final Map<String, Integer> index = new HashMap<>();

    public TokenBank(List<String> names, float[][] tokens, Map<String, String> metadata) {
        if (names.size() != tokens.length) {
            throw new IllegalArgumentException("token bank: " + names.size() + " names but " + tokens.length + " tokens");
        }
        this.names = List.copyOf(names);
        this.tokens = tokens;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        for (int i = 0; i < names.size(); i++) {
            if (index.put(names.get(i), i) != null) {
                throw new IllegalArgumentException("token bank: image name '" + names.get(i) + "' appears twice");
            }
        }
        for (int i = 1; i < tokens.length; i++) {
            if (tokens[i].length != tokens[0].length) {
                throw new IllegalArgumentException("token bank: token " + i + " has width " + tokens[i].length
                        + ", token 0 has " + tokens[0].length);
            }
        }
    }

    public List<String> names() {
        return names;
    }

    public float[][] tokens() {
        return tokens;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    public int size() {
        return names.size();
    }

    public int width() {
        return tokens.length == 0 ? 0 : tokens[0].length;
    }

    /** The token of {@code name}, or {@code null}. */
    public float[] token(String name) {
        Integer i = index.get(name);
        return i == null ? null : tokens[i];
    }

    public boolean contains(String name) {
        return index.containsKey(name);
    }

    /** This bank followed by {@code more} rows. */
    public TokenBank append(List<String> moreNames, float[][] moreTokens) {
        List<String> n = new ArrayList<>(names);
        n.addAll(moreNames);
        float[][] t = new float[tokens.length + moreTokens.length][];
        System.arraycopy(tokens, 0, t, 0, tokens.length);
        System.arraycopy(moreTokens, 0, t, tokens.length, moreTokens.length);
        return new TokenBank(n, t, metadata);
    }

    public void save(Path file, NDManager manager) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("cir4j_token_bank_version", Integer.toString(FORMAT_VERSION));
        meta.putAll(metadata);
        meta.put("names", JSON.writeValueAsString(names));
        int w = Math.max(1, width());
        float[] flat = new float[tokens.length * w];
        for (int i = 0; i < tokens.length; i++) {
            System.arraycopy(tokens[i], 0, flat, i * w, w);
        }
        try (NDManager m = manager.newSubManager()) {
            NDArray t = m.create(flat, new Shape(tokens.length, tokens.length == 0 ? 0 : w));
            Path abs = file.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
            SafeTensors.write(tmp, Map.of("tokens", t), meta);
            AtomicFiles.move(tmp, abs);
        }
    }

    public static TokenBank load(Path file, NDManager manager) throws IOException {
        SafeTensors.Header header = SafeTensors.readHeader(file);
        Map<String, String> meta = new LinkedHashMap<>(header.metadata());
        if (!meta.containsKey("cir4j_token_bank_version") || !meta.containsKey("names")) {
            throw new IOException("token bank " + file + ": not a cir4j token bank (metadata lacks "
                    + "'cir4j_token_bank_version' or 'names')");
        }
        int version = Integer.parseInt(meta.remove("cir4j_token_bank_version"));
        if (version > FORMAT_VERSION) {
            throw new IOException("token bank " + file + ": format version " + version + ", this build reads 1.."
                    + FORMAT_VERSION);
        }
        List<String> names = JSON.readValue(meta.remove("names"), new TypeReference<List<String>>() {});
        meta.remove("format");
        try (NDManager m = manager.newSubManager()) {
            NDArray t = SafeTensors.read(file, m).get("tokens");
            if (t == null) {
                throw new IOException("token bank " + file + ": no tensor 'tokens'");
            }
            if (t.getShape().dimension() != 2 || t.getShape().get(0) != names.size()) {
                throw new IOException("token bank " + file + ": tensor 'tokens' has shape " + t.getShape()
                        + ", expected (" + names.size() + ", w) for " + names.size() + " names");
            }
            float[][] rows = names.isEmpty() ? new float[0][] : Nd.rows(t);
            return new TokenBank(names, rows, meta);
        }
    }
}
