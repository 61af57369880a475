package org.cir4j.methods.isa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The named tensors of an ISA query model, in a fixed order, with their initialisation. Names follow
 * PyTorch state-dict style ({@code encoder.blocks.3.dw.weight}) so an exported file reads naturally in
 * Python too.
 */
final class IsaParams {

    /** How a tensor starts. */
    enum Init { KAIMING_CONV, LINEAR, ONES, ZEROS, NORMAL_002 }

    private final Map<String, Shape> shapes = new LinkedHashMap<>();
    private final Map<String, Init> inits = new LinkedHashMap<>();

    void add(String name, Init init, long... dims) {
        if (shapes.put(name, new Shape(dims)) != null) {
            throw new IllegalStateException("duplicate ISA tensor " + name);
        }
        inits.put(name, init);
    }

    Map<String, Shape> shapes() {
        return Collections.unmodifiableMap(shapes);
    }

    /** The layout of a config: every tensor the light encoder (if any) and the mapper use. */
    static IsaParams layout(IsaConfig c) {
        IsaParams p = new IsaParams();
        if (c.isLight()) {
            LightEncoder.declare(c, p);
        }
        if (c.usesTokenLearner()) {
            TokenLearner.declare(c, p);
        } else {
            MlpMapper.declare(c, p);
        }
        return p;
    }

    /**
     * Fresh tensors: convolutions Kaiming-normal (fan-out, as torchvision's MobileNetV2), linear layers
     * N(0, 0.02) (ViT convention), norms γ = 1, β = 0, learner queries and positions N(0, 0.02).
     */
    Map<String, NDArray> initialise(NDManager manager, long seed) {
        Random rnd = new Random(seed);
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : shapes.entrySet()) {
            Shape s = e.getValue();
            float[] v = new float[(int) s.size()];
            switch (inits.get(e.getKey())) {
                case KAIMING_CONV -> {
                    // fan_out = out_channels * k * k / groups-aware: torchvision uses kaiming_normal_(mode="fan_out").
                    double fanOut = s.get(0) * s.get(2) * s.get(3);
                    double std = Math.sqrt(2.0 / fanOut);
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) (rnd.nextGaussian() * std);
                    }
                }
                case LINEAR, NORMAL_002 -> {
                    for (int i = 0; i < v.length; i++) {
                        v[i] = (float) (rnd.nextGaussian() * 0.02);
                    }
                }
                case ONES -> java.util.Arrays.fill(v, 1f);
                case ZEROS -> { }
            }
            NDArray blob = manager.create(v, s);
            NDArray a = blob.duplicate(); // own the memory (see ClipOps.owned)
            blob.close();
            a.setName(e.getKey());
            out.put(e.getKey(), a);
        }
        return out;
    }

    /** Checks that {@code tensors} holds exactly this layout, float32, with every shape as expected. */
    void check(Map<String, NDArray> tensors, String source) {
        for (Map.Entry<String, Shape> e : shapes.entrySet()) {
            NDArray a = tensors.get(e.getKey());
            if (a == null) {
                throw new IllegalArgumentException(source + ": missing tensor '" + e.getKey() + "' " + e.getValue());
            }
            if (!a.getShape().equals(e.getValue())) {
                throw new IllegalArgumentException(source + ": tensor '" + e.getKey() + "': expected shape " + e.getValue()
                        + ", found " + a.getShape());
            }
            if (a.getDataType() != DataType.FLOAT32) {
                throw new IllegalArgumentException(source + ": tensor '" + e.getKey() + "': expected float32, found "
                        + a.getDataType());
            }
        }
        for (String name : tensors.keySet()) {
            if (!shapes.containsKey(name)) {
                throw new IllegalArgumentException(source + ": unexpected tensor '" + name + "' for this ISA config");
            }
        }
    }
}
