package org.cir4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * AdamW exactly as {@code torch.optim.AdamW} (decoupled weight decay, bias-corrected moments), over named
 * parameter arrays.
 *
 * <p>Written here rather than using DJL's {@code AdamW} because DJL keeps the moment estimates in private
 * maps: a run could not be checkpointed and resumed with its optimizer state. This class exposes its state
 * as an {@link NDList} of named arrays (saved as safetensors by {@link TrainingCheckpoint}). Update:
 * {@code p ← p − lr·wd·p; m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²; p ← p − lr·m̂ / (√v̂ + ε)}.
 * Parameters whose name matches {@code noDecay} get weight decay 0 (CLIP's recipe excludes gains, biases,
 * embeddings and the logit scale).
 */
public final class AdamW {
    private final NDManager stateManager;
    private final float beta1;
    private final float beta2;
    private final float eps;
    private final float weightDecay;
    private final Predicate<String> noDecay;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private long step;

    public AdamW(NDManager parent, float beta1, float beta2, float eps, float weightDecay, Predicate<String> noDecay) {
        this.stateManager = parent.newSubManager();
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.noDecay = noDecay;
    }

    /** Number of completed {@link #step} calls (the t of the bias correction). */
    public long stepCount() {
        return step;
    }

    /**
     * One update of every parameter that has a gradient, at learning rate {@code lr}. Call outside a
     * {@code GradientCollector} (no-grad mode), after {@code backward}; gradients are zeroed afterwards.
     */
    public void step(Map<String, NDArray> params, float lr) {
        step++;
        // StrictMath: HotSpot's Math.pow intrinsic may differ from the interpreter by an ulp, which made two
        // identical runs in one JVM diverge once the JIT compiled this method.
        double bc1 = 1 - StrictMath.pow(beta1, step);
        double bc2 = 1 - StrictMath.pow(beta2, step);
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray p = e.getValue();
            if (!p.hasGradient()) {
                continue;
            }
            try (NDManager scope = stateManager.newSubManager()) {
                NDArray g = p.getGradient();
                g.attach(scope); // closes only this handle; the gradient tensor stays with the parameter
                NDArray mi = m.computeIfAbsent(e.getKey(), k -> stateManager.zeros(p.getShape()));
                NDArray vi = v.computeIfAbsent(e.getKey(), k -> stateManager.zeros(p.getShape()));
                float wd = noDecay.test(e.getKey()) ? 0f : weightDecay;
                if (wd != 0f) {
                    p.muli(1f - lr * wd);
                }
                mi.muli(beta1).addi(g.mul(1 - beta1));
                vi.muli(beta2).addi(g.square().muli(1 - beta2));
                NDArray denom = vi.div(bc2).sqrt().addi(eps);
                p.subi(mi.div(denom).muli((float) (lr / bc1)));
                // DJL's PyTorch GradientCollector accumulates into .grad and never zeroes it: do it here,
                // like optimizer.zero_grad(), so the next backward starts from zero. Not g.subi(g) (what DJL's
                // own zeroGradients does): NaN - NaN and inf - inf stay NaN, so one bad step would poison every
                // later step. Filling writes the zeros whatever the old values were.
                zero(g);
            }
        }
    }

    /** Sets every element of {@code gradient} to 0 in place, also where it holds NaN or infinity. */
    public static void zero(NDArray gradient) {
        gradient.set(new ai.djl.ndarray.index.NDIndex("..."), 0f);
    }

    /** The optimizer state as named arrays ({@code m.NAME}, {@code v.NAME}, {@code step}). */
    public NDList state() {
        NDList list = new NDList();
        for (Map.Entry<String, NDArray> e : m.entrySet()) {
            NDArray a = e.getValue().duplicate();
            a.setName("m." + e.getKey());
            list.add(a);
            NDArray b = v.get(e.getKey()).duplicate();
            b.setName("v." + e.getKey());
            list.add(b);
        }
        NDArray s = stateManager.create(new long[] {step});
        s.setName("step");
        list.add(s);
        return list;
    }

    /** Restores {@link #state()} output; every moment's shape must match its parameter. */
    public void load(NDList state, Map<String, NDArray> params) {
        m.clear();
        v.clear();
        step = -1;
        for (NDArray a : state) {
            String name = a.getName();
            if ("step".equals(name)) {
                step = a.toType(ai.djl.ndarray.types.DataType.INT64, false).toLongArray()[0];
                continue;
            }
            String param = name.substring(2);
            NDArray p = params.get(param);
            if (p == null) {
                throw new IllegalArgumentException("optimizer state holds '" + name + "' but the model has no parameter '" + param + "'");
            }
            if (!p.getShape().equals(a.getShape())) {
                throw new IllegalArgumentException("optimizer state '" + name + "': expected shape " + p.getShape() + ", found " + a.getShape());
            }
            NDArray copy = a.duplicate();
            copy.attach(stateManager);
            (name.startsWith("m.") ? m : v).put(param, copy);
        }
        if (step < 0) {
            throw new IllegalArgumentException("optimizer state has no 'step' entry");
        }
    }

    /** Releases the moment estimates. */
    public void close() {
        stateManager.close();
    }
}
