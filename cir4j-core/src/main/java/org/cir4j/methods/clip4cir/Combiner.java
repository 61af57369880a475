package org.cir4j.methods.clip4cir;

import ai.djl.ndarray.NDArray;
import org.cir4j.model.Scalars;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.norm.Dropout;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * CLIP4Cir's Combiner network C_θ (paper Fig. 4, reference {@code combiner.py}) and its ablation variants,
 * as a functional model over named parameters (the reference's state-dict names).
 *
 * <pre>
 * t' = Dropout(ReLU(text_projection_layer(ψT)))          (B,P)
 * i' = Dropout(ReLU(image_projection_layer(ψI)))         (B,P)
 * c  = concat(t', i')                                    (B,2P)  — text first, as the reference
 * v  = output_layer(Dropout(ReLU(combiner_layer(c))))    (B,d)
 * λ  = σ(dynamic_scalar.3(Dropout(ReLU(dynamic_scalar.0(c)))))   (B,1) — weight of the TEXT feature
 * out = normalise(v + λ·ψT + (1−λ)·ψI)
 * </pre>
 * ψI and ψT are the raw (un-normalised) CLIP features. {@link CombinerVariant} selects the ablations. The
 * logit scale is the fixed constant of {@link CombinerConfig#logitScale()} (100), not a parameter.
 *
 * <p>The parameters are owned by this object's manager (closed by {@link #close()}); forward passes put
 * their result in the manager of the {@code image} input and close their intermediates.
 */
public final class Combiner implements AutoCloseable {

    public static final String TEXT_PROJ = "text_projection_layer";
    public static final String IMAGE_PROJ = "image_projection_layer";
    public static final String COMBINER_LAYER = "combiner_layer";
    public static final String OUTPUT_LAYER = "output_layer";
    public static final String SCALAR_HIDDEN = "dynamic_scalar.0";
    public static final String SCALAR_OUT = "dynamic_scalar.3";

    private final CombinerConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> params;

    private Combiner(CombinerConfig config, NDManager manager, Map<String, NDArray> params) {
        this.config = config;
        this.manager = manager;
        this.params = Collections.unmodifiableMap(params);
    }

    /** Every parameter's expected shape, in canonical order (weights (out,in), as torch's nn.Linear). */
    public static Map<String, Shape> layout(CombinerConfig c) {
        Map<String, Shape> s = new LinkedHashMap<>();
        int d = c.featureDim();
        int p = c.projectionDim();
        int h = c.hiddenDim();
        CombinerVariant v = c.variant();
        if (v.hasProjections()) {
            linear(s, TEXT_PROJ, d, p);
            linear(s, IMAGE_PROJ, d, p);
        }
        if (v.hasResidual()) {
            linear(s, COMBINER_LAYER, 2 * p, h);
            linear(s, OUTPUT_LAYER, h, d);
        }
        if (v.hasDynamicScalar()) {
            linear(s, SCALAR_HIDDEN, 2 * p, h);
            linear(s, SCALAR_OUT, h, 1);
        }
        return s;
    }

    private static void linear(Map<String, Shape> s, String name, int in, int out) {
        s.put(name + ".weight", new Shape(out, in));
        s.put(name + ".bias", new Shape(out));
    }

    /**
     * A fresh Combiner initialised as torch's {@code nn.Linear} does (weight and bias uniform in
     * ±1/√fan_in), deterministic in {@code seed}.
     */
    public static Combiner initialize(CombinerConfig config, long seed, NDManager parent) {
        NDManager m = parent.newSubManager();
        try {
            SplittableRandom rnd = new SplittableRandom(seed);
            Map<String, NDArray> p = new LinkedHashMap<>();
            for (Map.Entry<String, Shape> e : layout(config).entrySet()) {
                String name = e.getKey();
                Shape shape = e.getValue();
                String layer = name.substring(0, name.lastIndexOf('.'));
                long fanIn = layout(config).get(layer + ".weight").get(1);
                double bound = 1.0 / Math.sqrt(fanIn);
                float[] values = new float[(int) shape.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
                }
                p.put(name, m.create(values, shape));
            }
            return adopt(config, m, p);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /**
     * A Combiner over the given tensors (copied into a new sub-manager of {@code parent}); every tensor of
     * {@link #layout} must be present with its shape, and nothing else.
     *
     * @param where names the source in error messages (a file)
     */
    public static Combiner of(CombinerConfig config, Map<String, NDArray> tensors, NDManager parent, String where) {
        Map<String, Shape> layout = layout(config);
        for (String name : tensors.keySet()) {
            if (!layout.containsKey(name)) {
                throw new IllegalArgumentException(where + ": tensor '" + name + "' is not a parameter of a '"
                        + config.variant().id() + "' Combiner; expected " + layout.keySet());
            }
        }
        NDManager m = parent.newSubManager();
        try {
            Map<String, NDArray> p = new LinkedHashMap<>();
            for (Map.Entry<String, Shape> e : layout.entrySet()) {
                NDArray a = tensors.get(e.getKey());
                if (a == null) {
                    throw new IllegalArgumentException(where + ": missing Combiner tensor '" + e.getKey() + "' "
                            + e.getValue());
                }
                if (!a.getShape().equals(e.getValue())) {
                    throw new IllegalArgumentException(where + ": tensor '" + e.getKey() + "': expected shape "
                            + e.getValue() + " (d=" + config.featureDim() + ", P=" + config.projectionDim() + ", H="
                            + config.hiddenDim() + "), found " + a.getShape());
                }
                NDArray copy = a.toType(DataType.FLOAT32, true).duplicate();
                copy.attach(m);
                p.put(e.getKey(), copy);
            }
            return adopt(config, m, p);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    private static Combiner adopt(CombinerConfig config, NDManager m, Map<String, NDArray> p) {
        for (Map.Entry<String, NDArray> e : p.entrySet()) {
            e.getValue().setName(e.getKey());
            // Parameters outlive any NDScope active while the Combiner is built.
            NDScope.unregister(e.getValue());
        }
        return new Combiner(config, m, p);
    }

    public CombinerConfig config() {
        return config;
    }

    /** The parameters (canonical order); empty for {@link CombinerVariant#SUM}. */
    public Map<String, NDArray> parameters() {
        return params;
    }

    /** Marks every parameter as requiring (or not) gradients and returns them. */
    public Map<String, NDArray> trainable(boolean train) {
        params.values().forEach(a -> a.setRequiresGradient(train));
        return params;
    }

    /**
     * Combined query features (B,d), L2-normalised.
     *
     * @param image    raw reference-image features ψI (B,d)
     * @param text     raw caption features ψT (B,d)
     * @param training whether dropout is active (train mode) or the identity (eval mode)
     */
    public NDArray combine(NDArray image, NDArray text, boolean training) {
        checkFeatures(image, "image features");
        checkFeatures(text, "text features");
        if (image.getShape().get(0) != text.getShape().get(0)) {
            throw new IllegalArgumentException("image features " + image.getShape() + " and text features "
                    + text.getShape() + " differ in batch size");
        }
        NDManager out = image.getManager();
        NDArray result;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            result = normalize(rawCombine(image, text, training));
            result.attach(out);
            NDScope.unregister(result);
        }
        NDScope.register(result);
        return result;
    }

    /**
     * The reference's {@code forward}: {@code logitScale · combine(ψI, ψT) · normalise(target)ᵀ}, (B, B_t).
     */
    public NDArray logits(NDArray image, NDArray text, NDArray target, boolean training) {
        checkFeatures(target, "target features");
        NDArray q = combine(image, text, training);
        return Scalars.mul(q.matMul(normalize(target).transpose()), config.logitScale());
    }

    /** The un-normalised combined vector (the variant's formula). */
    private NDArray rawCombine(NDArray image, NDArray text, boolean training) {
        CombinerVariant v = config.variant();
        if (v == CombinerVariant.SUM) {
            return image.add(text);
        }
        NDArray tp = dropout(Activation.relu(linear(text, TEXT_PROJ)), training);
        NDArray ip = dropout(Activation.relu(linear(image, IMAGE_PROJ)), training);
        NDArray raw = NDArrays.concat(new NDList(tp, ip), -1);
        NDArray sum = null;
        if (v.hasResidual()) {
            NDArray hidden = dropout(Activation.relu(linear(raw, COMBINER_LAYER)), training);
            sum = linear(hidden, OUTPUT_LAYER);
        }
        NDArray mix = null;
        if (v.hasDynamicScalar()) {
            NDArray h = dropout(Activation.relu(linear(raw, SCALAR_HIDDEN)), training);
            NDArray lambda = Activation.sigmoid(linear(h, SCALAR_OUT)); // (B,1), broadcasts over d
            mix = lambda.mul(text).add(lambda.neg().add(1f).mul(image));
        } else if (v == CombinerVariant.STATIC_SKIP) {
            mix = Scalars.mul(text, 0.5).add(Scalars.mul(image, 0.5));
        }
        if (sum == null) {
            return mix;
        }
        return mix == null ? sum : sum.add(mix);
    }

    /** λ for each query (B,1) in eval mode; only for variants with a learned λ. */
    public NDArray lambda(NDArray image, NDArray text) {
        if (!config.variant().hasDynamicScalar()) {
            throw new IllegalStateException("variant '" + config.variant().id() + "' has no learned λ");
        }
        NDManager out = image.getManager();
        NDArray result;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray raw = NDArrays.concat(new NDList(Activation.relu(linear(text, TEXT_PROJ)),
                    Activation.relu(linear(image, IMAGE_PROJ))), -1);
            result = Activation.sigmoid(linear(Activation.relu(linear(raw, SCALAR_HIDDEN)), SCALAR_OUT));
            result.attach(out);
            NDScope.unregister(result);
        }
        NDScope.register(result);
        return result;
    }

    private NDArray linear(NDArray x, String layer) {
        return x.matMul(params.get(layer + ".weight").transpose()).add(params.get(layer + ".bias"));
    }

    private NDArray dropout(NDArray x, boolean training) {
        if (!training || config.dropout() == 0) {
            return x;
        }
        return Dropout.dropout(x, (float) config.dropout(), true).singletonOrThrow();
    }

    /** {@code x / max(||x||, 1e-12)} along the last axis (torch's {@code F.normalize}). */
    static NDArray normalize(NDArray x) {
        return x.div(x.norm(new int[] {-1}, true).maximum(1e-12f));
    }

    private void checkFeatures(NDArray a, String what) {
        Shape s = a.getShape();
        if (s.dimension() != 2 || s.get(1) != config.featureDim()) {
            throw new IllegalArgumentException(what + ": expected (B, " + config.featureDim() + "), found " + s);
        }
        if (a.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(what + ": expected float32, found " + a.getDataType());
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
