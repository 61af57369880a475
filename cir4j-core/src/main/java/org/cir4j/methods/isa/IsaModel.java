package org.cir4j.methods.isa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cir4j.model.ClipModel;

/**
 * An ISA query model: feature map (from the {@link LightEncoder}, or in the symmetric variant from the
 * large CLIP's vision tower) → {@link TokenLearner} or {@link MlpMapper} → M pseudo-word tokens (B,M,w).
 *
 * <p>Functional over named tensors owned by this model's manager (like {@link ClipModel}): training
 * marks them with {@link #trainable(boolean)}, and the forward passes are plain NDArray operations.
 */
public final class IsaModel implements AutoCloseable {

    /** Tokens (B,M,w) and, for the token learner, each token's pooling attention over the N positions (B,M,N). */
    public record Output(NDArray tokens, NDArray attention) {}

    private final IsaConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> params;

    private IsaModel(IsaConfig config, Map<String, NDArray> params, NDManager manager, String source) {
        IsaParams.layout(config).check(params, source);
        this.config = config;
        this.manager = manager;
        Map<String, NDArray> ordered = new LinkedHashMap<>();
        for (String name : IsaParams.layout(config).shapes().keySet()) {
            NDArray a = params.get(name);
            a.attach(manager);
            NDScope.unregister(a);
            a.setName(name);
            ordered.put(name, a);
        }
        this.params = Collections.unmodifiableMap(ordered);
    }

    /** A freshly initialised model (see {@link IsaParams#initialise}) in a sub-manager of {@code parent}. */
    public static IsaModel randomInit(IsaConfig config, long seed, NDManager parent) {
        NDManager m = parent.newSubManager();
        try {
            return new IsaModel(config, IsaParams.layout(config).initialise(m, seed), m, "random init");
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /**
     * A model over existing tensors (checked against the config's layout: names, shapes, float32);
     * takes ownership of them and of {@code manager}.
     */
    public static IsaModel of(IsaConfig config, Map<String, NDArray> tensors, NDManager manager, String source) {
        return new IsaModel(config, tensors, manager, source);
    }

    public IsaConfig config() {
        return config;
    }

    public NDManager manager() {
        return manager;
    }

    /** Every tensor in canonical order. */
    public Map<String, NDArray> parameters() {
        return params;
    }

    /** Total number of scalars (the query model's parameter count, without the text encoder). */
    public long parameterCount() {
        long n = 0;
        for (NDArray a : params.values()) {
            n += a.getShape().size();
        }
        return n;
    }

    /** Parameters of the light encoder only (0 for the symmetric variant). */
    public long encoderParameterCount() {
        long n = 0;
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            if (e.getKey().startsWith("encoder.")) {
                n += e.getValue().getShape().size();
            }
        }
        return n;
    }

    /** Marks every tensor as (not) requiring gradients; returns the parameters. */
    public Map<String, NDArray> trainable(boolean train) {
        params.values().forEach(a -> a.setRequiresGradient(train));
        return params;
    }

    /** Zeroes accumulated gradients (PyTorch accumulates them; a second run in one JVM must not see leftovers). */
    public void zeroGradients() {
        for (NDArray a : params.values()) {
            if (a.hasGradient()) {
                JniUtils.zeroGrad((PtNDArray) a);
            }
        }
    }

    /**
     * The feature map the mapper reads: the light encoder's (B,C,h,w) from pixels preprocessed at
     * {@link IsaConfig#imageSize()}, or — symmetric — the large CLIP's patch tokens (B,N,W) reshaped to
     * (B,W,g,g) (the CLIP must then be a ViT whose width and grid match the config).
     */
    public NDArray featureMap(NDArray pixels, ClipModel large) {
        checkPixels(pixels);
        if (config.isLight()) {
            return scoped(pixels.getManager(), () -> new NDArray[] {LightEncoder.forward(config, params, pixels)})[0];
        }
        if (large == null) {
            throw new IllegalArgumentException("symmetric ISA model: the large CLIP must feed the token learner, but none was given");
        }
        NDArray patches = large.spatialFeatures(pixels, false);
        Shape s = patches.getShape();
        int g = config.inputGrid();
        if (s.dimension() != 3 || s.get(1) != (long) g * g || s.get(2) != config.inputChannels()) {
            throw new IllegalArgumentException("symmetric ISA model expects CLIP patch tokens (B, " + g * g + ", "
                    + config.inputChannels() + "), found " + s);
        }
        NDArray map = patches.transpose(0, 2, 1).reshape(s.get(0), s.get(2), g, g);
        patches.close();
        return map;
    }

    /** Tokens from a feature map (B,C,h,w). */
    public Output map(NDArray featureMap) {
        Shape s = featureMap.getShape();
        if (s.dimension() != 4 || s.get(1) != config.mapChannels() || s.get(2) != config.mapGrid()
                || s.get(3) != config.mapGrid()) {
            throw new IllegalArgumentException("ISA feature map: expected (B, " + config.mapChannels() + ", "
                    + config.mapGrid() + ", " + config.mapGrid() + "), found " + s);
        }
        NDArray[] r = scoped(featureMap.getManager(), () -> config.usesTokenLearner()
                ? TokenLearner.forward(config, params, featureMap)
                : new NDArray[] {MlpMapper.forward(config, params, featureMap), null});
        return new Output(r[0], r[1]);
    }

    /**
     * Runs {@code body} in an {@link NDScope}: every intermediate is closed when it returns (DJL puts the
     * result of an op in the manager of its first operand, which for {@code weight.op(x)} is this
     * model's manager — without the scope every forward pass would leave arrays there). The results are
     * moved to {@code out} and handed to the caller's scope, if any. Autograd keeps what backward needs.
     */
    private static NDArray[] scoped(NDManager out, java.util.function.Supplier<NDArray[]> body) {
        NDArray[] result;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            result = body.get();
            for (NDArray r : result) {
                if (r != null) {
                    r.attach(out);
                    NDScope.unregister(r);
                }
            }
        }
        for (NDArray r : result) {
            if (r != null) {
                NDScope.register(r);
            }
        }
        return result;
    }

    /** Pixels → tokens; {@code large} is used only by the symmetric variant. */
    public Output forward(NDArray pixels, ClipModel large) {
        return map(featureMap(pixels, large));
    }

    private void checkPixels(NDArray pixels) {
        Shape s = pixels.getShape();
        if (s.dimension() != 4 || s.get(1) != 3 || s.get(2) != config.imageSize() || s.get(3) != config.imageSize()) {
            throw new IllegalArgumentException("ISA query model: expected pixels (B, 3, " + config.imageSize() + ", "
                    + config.imageSize() + "), found " + s);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
