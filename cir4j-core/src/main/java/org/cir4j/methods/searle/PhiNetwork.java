package org.cir4j.methods.searle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.cir4j.model.SafeTensors;
import org.cir4j.util.AtomicFiles;

/**
 * The textual inversion network φ of the reference {@code phi.py}: Linear(d,4d) → GELU (erf form) →
 * Dropout → Linear(4d,4d) → GELU → Dropout → Linear(4d,w), on the raw image feature. Parameter names
 * follow the reference's {@code nn.Sequential} ({@code layers.0/3/6.weight|bias}), so its state dict maps
 * one to one. Initialised like PyTorch's {@code nn.Linear} (U(±1/√fan_in) for weights and biases).
 */
public final class PhiNetwork implements AutoCloseable {
    public static final int FORMAT_VERSION = 1;
    public static final String WEIGHTS = "phi.safetensors";
    public static final String CONFIG = "config.json";
    private static final String[] LAYERS = {"layers.0", "layers.3", "layers.6"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NDManager manager;
    private final Map<String, NDArray> params;
    private final int inputDim;
    private final int hiddenDim;
    private final int outputDim;
    private final float dropout;

    private PhiNetwork(NDManager manager, Map<String, NDArray> params, int inputDim, int hiddenDim, int outputDim,
                       float dropout) {
        this.manager = manager;
        this.params = params;
        this.inputDim = inputDim;
        this.hiddenDim = hiddenDim;
        this.outputDim = outputDim;
        this.dropout = dropout;
    }

    /** A freshly initialised φ (d → 4d → 4d → w). */
    public static PhiNetwork init(int inputDim, int outputDim, float dropout, long seed, NDManager parent) {
        NDManager m = parent.newSubManager();
        SplittableRandom rng = new SplittableRandom(seed);
        int hidden = 4 * inputDim;
        int[][] dims = {{hidden, inputDim}, {hidden, hidden}, {outputDim, hidden}};
        Map<String, NDArray> p = new LinkedHashMap<>();
        for (int l = 0; l < 3; l++) {
            int out = dims[l][0];
            int in = dims[l][1];
            double bound = 1 / Math.sqrt(in);
            p.put(LAYERS[l] + ".weight", uniform(m, rng, bound, new Shape(out, in)));
            p.put(LAYERS[l] + ".bias", uniform(m, rng, bound, new Shape(out)));
        }
        return new PhiNetwork(m, p, inputDim, hidden, outputDim, dropout);
    }

    private static NDArray uniform(NDManager m, SplittableRandom rng, double bound, Shape shape) {
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return Nd.floats(m, v, shape);
    }

    /** The parameters in canonical order (the arrays themselves: the trainer updates them in place). */
    public Map<String, NDArray> parameters() {
        return params;
    }

    public int inputDim() {
        return inputDim;
    }

    public int outputDim() {
        return outputDim;
    }

    public float dropout() {
        return dropout;
    }

    /**
     * v* = φ(x) for image features (B,d); dropout only when {@code training}. The result lives in
     * {@code x}'s manager.
     */
    public NDArray forward(NDArray x, boolean training) {
        if (x.getShape().dimension() != 2 || x.getShape().get(1) != inputDim) {
            throw new IllegalArgumentException("phi input: expected (B, " + inputDim + "), found " + x.getShape());
        }
        NDArray h = x;
        for (int l = 0; l < 3; l++) {
            h = Linear.linear(h, params.get(LAYERS[l] + ".weight"), params.get(LAYERS[l] + ".bias")).singletonOrThrow();
            if (l < 2) {
                h = Activation.gelu(h);
                h = Dropout.dropout(h, dropout, training).singletonOrThrow();
            }
        }
        return h;
    }

    /** φ on rows of Java features, inference mode. */
    public float[][] predict(float[][] features) {
        return org.cir4j.model.TorchRuntime.withoutGradients(() -> {
            try (NDManager m = manager.newSubManager()) {
                return Nd.rows(forward(Nd.floats(m, features), false));
            }
        });
    }

    /** Copies {@code values} (same names and shapes) into this network's parameters. */
    public void load(Map<String, NDArray> values) {
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray v = values.get(e.getKey());
            if (v == null) {
                throw new IllegalArgumentException("phi weights lack tensor '" + e.getKey() + "'");
            }
            if (!v.getShape().equals(e.getValue().getShape())) {
                throw new IllegalArgumentException("phi tensor '" + e.getKey() + "': expected shape "
                        + e.getValue().getShape() + ", found " + v.getShape());
            }
            e.getValue().set(new ai.djl.ndarray.index.NDIndex("..."), v);
        }
    }

    /** Writes {@code config.json} (with {@code extra} fields) and {@code phi.safetensors} into {@code dir}. */
    public void save(Path dir, BaseModel base, ObjectNode extra) throws IOException {
        Files.createDirectories(dir);
        ObjectNode c = JSON.createObjectNode();
        c.put("format_version", FORMAT_VERSION);
        c.put("kind", "searle-phi");
        c.put("input_dim", inputDim);
        c.put("hidden_dim", hiddenDim);
        c.put("output_dim", outputDim);
        c.put("dropout", dropout);
        c.put("base_model", base.identity());
        c.put("base_embed_dim", base.embedDim());
        c.put("base_token_width", base.tokenWidth());
        if (extra != null) {
            c.setAll(extra);
        }
        Path tmp = dir.resolve("." + WEIGHTS + ".tmp");
        SafeTensors.write(tmp, params);
        AtomicFiles.move(tmp, dir.resolve(WEIGHTS));
        AtomicFiles.writeString(dir.resolve(CONFIG), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(c));
    }

    /** Loads a φ directory, checking that it belongs to {@code base}. */
    public static PhiNetwork load(Path dir, BaseModel base, NDManager parent) throws IOException {
        Path cfgFile = dir.resolve(CONFIG);
        if (!Files.isRegularFile(cfgFile)) {
            throw new IOException("phi checkpoint " + dir + ": missing " + CONFIG);
        }
        JsonNode c = JSON.readTree(cfgFile.toFile());
        int version = c.path("format_version").asInt(-1);
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IOException(cfgFile + ": format_version " + c.get("format_version") + ", this build reads 1.." + FORMAT_VERSION);
        }
        base.requireSame(new BaseModel(c.path("base_model").asText("unknown"), c.path("base_embed_dim").asInt(),
                c.path("base_token_width").asInt()), "phi checkpoint " + dir);
        PhiNetwork phi = init(c.path("input_dim").asInt(), c.path("output_dim").asInt(), (float) c.path("dropout").asDouble(), 0, parent);
        try (NDManager m = parent.newSubManager()) {
            phi.load(SafeTensors.read(dir.resolve(WEIGHTS), m));
        } catch (RuntimeException e) {
            phi.close();
            throw e;
        }
        return phi;
    }

    /** The parameters as a named list (for training checkpoints). */
    public NDList asList(String prefix) {
        NDList list = new NDList();
        params.forEach((n, a) -> {
            NDArray d = a.duplicate();
            d.setName(prefix + n);
            list.add(d);
        });
        return list;
    }

    @Override
    public void close() {
        manager.close();
    }
}
