package org.cir4j.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.cir4j.text.TokenBatch;

/**
 * One CLIP — ViT or ModifiedResNet vision tower, causal text transformer — as a functional model over
 * named parameters on DJL's PyTorch engine.
 *
 * <p><b>State.</b> The weights are a map in OpenAI/open_clip state-dict naming
 * ({@link ClipStateLayout} lists every name and shape), owned by this model's {@link NDManager}. The
 * forward passes are plain NDArray operations that read these arrays, so checkpoints load by name
 * ({@link ClipCheckpoints}), and training uses the same arrays: mark what to train with
 * {@link #trainableParameters(Predicate)}, call {@link #zeroGradients()}, run a forward pass and
 * {@code backward} inside a DJL {@code GradientCollector}, and update in place with
 * {@code Optimizer.update(name, array, array.getGradient())}.
 *
 * <p><b>Shapes</b> (B batch, L ≤ context length, w text width, d embedding size, S image side,
 * W vision width, N = (S/p)² ViT patches, F = 32·W ResNet channels, h = S/32):
 * <ul>
 *   <li>{@link #encodeText}: ids (B,L) int32/int64 → (B,d);
 *   <li>{@link #encodeTextFromEmbeddings}: token embeddings (B,L,w) + end positions → (B,d);
 *   <li>{@link #encodeTextWithPseudoTokens}: ids (B,L) + vectors (P,w) → (B,d);
 *   <li>{@link #encodeImage}: pixels (B,3,S,S) float32, already normalised → (B,d);
 *   <li>{@link #spatialFeatures}: ViT (B,N,W), or (B,N,d) projected; ResNet (B,F,h,h);
 *   <li>{@link #tokenEmbedding()} (V,w), {@link #logitScale()} () — the log of the temperature
 *       multiplier, {@link #logits} (B_img,B_txt).
 * </ul>
 * Features are returned unnormalised (as OpenAI's {@code encode_image}/{@code encode_text});
 * {@link #l2Normalize} normalises.
 *
 * <p><b>Memory.</b> Every forward pass runs in an {@link NDScope}: intermediates are closed when it
 * returns, and the result is attached to the manager of the method's main input (ids, embeddings or
 * pixels), so callers control result lifetimes with their own managers. Autograd graphs survive
 * this (PyTorch keeps what backward needs). Inputs on another device are copied to the model's.
 *
 * <p><b>Gradients</b> flow through every method to any array that requires them (weights marked
 * trainable, pseudo-token vectors, input embeddings). Outside a {@code GradientCollector} the PyTorch
 * engine records no graph on the engine's thread; {@link ClipBatchEncoder} disables it explicitly.
 *
 * <p>Not thread-confined: forward passes may run concurrently on several threads; training updates
 * must not overlap with forward passes.
 */
public final class ClipModel implements AutoCloseable {

    private final ClipConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> state;
    private final TextTower text;
    private final VisionTower vision;

    /**
     * Takes ownership of {@code state} (exactly the tensors of {@link ClipStateLayout#of(ClipConfig)},
     * float32) and of {@code manager}, which is closed by {@link #close()}.
     */
    ClipModel(ClipConfig config, Map<String, NDArray> state, NDManager manager) {
        this.config = config;
        this.manager = manager;
        ClipStateLayout layout = ClipStateLayout.of(config);
        Map<String, NDArray> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : layout.shapes().entrySet()) {
            NDArray a = state.get(e.getKey());
            if (a == null) {
                throw new IllegalArgumentException("state is missing tensor '" + e.getKey() + "' " + e.getValue());
            }
            if (!a.getShape().equals(e.getValue())) {
                throw new IllegalArgumentException("tensor '" + e.getKey() + "': expected shape " + e.getValue()
                        + ", found " + a.getShape());
            }
            if (a.getDataType() != DataType.FLOAT32) {
                throw new IllegalArgumentException("tensor '" + e.getKey() + "': expected float32, found "
                        + a.getDataType());
            }
            ordered.put(e.getKey(), a);
        }
        for (String name : state.keySet()) {
            if (!layout.contains(name)) {
                throw new IllegalArgumentException("state has tensor '" + name + "' that this config does not use");
            }
        }
        for (Map.Entry<String, NDArray> e : ordered.entrySet()) {
            NDArray a = e.getValue();
            if (!a.getDevice().equals(manager.getDevice())) {
                a = a.toDevice(manager.getDevice(), false);
                e.setValue(a);
            }
            a.attach(manager);
            // Weights outlive any NDScope active while the model is built.
            NDScope.unregister(a);
            a.setName(e.getKey());
        }
        this.state = Collections.unmodifiableMap(ordered);
        this.text = new TextTower(config, this.state);
        this.vision = config.vision().type() == ClipConfig.VisionType.VIT
                ? new VitTower(config, this.state)
                : new ModifiedResNetTower(config, this.state);
    }

    /**
     * A freshly initialised model with OpenAI's {@code initialize_parameters} scheme (see
     * {@link ClipInitializer}): for training from scratch (the mini-CLIP) and benchmarks.
     *
     * @param parent the model's manager is created as a sub-manager of it (and on its device)
     */
    public static ClipModel randomInit(ClipConfig config, long seed, NDManager parent) {
        NDManager m = parent.newSubManager();
        try {
            ClipInitializer init = new ClipInitializer(config, seed);
            Map<String, NDArray> state = new LinkedHashMap<>();
            for (Map.Entry<String, Shape> e : ClipStateLayout.of(config).shapes().entrySet()) {
                state.put(e.getKey(), ClipOps.ownedFloats(m, init.values(e.getKey(), e.getValue()), e.getValue()));
            }
            return new ClipModel(config, state, m);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    public ClipConfig config() {
        return config;
    }

    /** The manager owning the weights (its device is the model's device). */
    public NDManager manager() {
        return manager;
    }

    /** The model's device. */
    public Device device() {
        return manager.getDevice();
    }

    /** Every tensor (learnable parameters and batch-norm running statistics), canonical names, canonical order. */
    public Map<String, NDArray> stateDict() {
        return state;
    }

    /** Learnable parameters (the state without batch-norm running statistics), canonical order. */
    public Map<String, NDArray> parameters() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        state.forEach((name, a) -> {
            if (!ClipStateLayout.isBuffer(name)) {
                out.put(name, a);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /**
     * Freezes the model except the learnable parameters whose names pass {@code which}: exactly those
     * get {@code setRequiresGradient(true)}, all others {@code false}. Returns them in canonical
     * order, ready for {@code Optimizer.update(name, array, grad)}. Examples: {@code n -> true} (all),
     * {@code n -> n.startsWith("visual.")} (image encoder only, CLIP4Cir's IFT), {@code n -> false}
     * (freeze all).
     */
    public Map<String, NDArray> trainableParameters(Predicate<String> which) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        parameters().forEach((name, a) -> {
            boolean train = which.test(name);
            a.setRequiresGradient(train);
            if (train) {
                out.put(name, a);
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /**
     * Zeroes the accumulated gradients of every parameter that requires them. PyTorch accumulates
     * gradients across backward passes and DJL's {@code GradientCollector} does not reset them for
     * arrays outside its own bookkeeping, so a training loop calls this before (or after) each step.
     */
    public void zeroGradients() {
        for (NDArray a : state.values()) {
            if (a.hasGradient()) {
                JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) a);
            }
        }
    }

    /** The token embedding table (V,w), the space pseudo-word vectors live in. */
    public NDArray tokenEmbedding() {
        return state.get("token_embedding.weight");
    }

    /** The learnable log temperature, a scalar; logits use {@code exp(logitScale)}. */
    public NDArray logitScale() {
        return state.get("logit_scale");
    }

    /**
     * Text features (B,d), unnormalised.
     *
     * @param ids (B,L) int32 or int64 token ids, L ≤ context length, each row holding its end token
     *     (pooling rule: {@link ClipConfig.TextConfig#eosTokenId()})
     */
    public NDArray encodeText(NDArray ids) {
        long[] values = readIds(ids);
        int rows = (int) ids.getShape().get(0);
        int cols = (int) ids.getShape().get(1);
        int[] ends = endPositions(values, rows, cols);
        return scoped(ids.getManager(), tmp -> {
            NDArray embeds = text.embed(idsOnDevice(ids));
            return text.encode(embeds, ends, tmp);
        });
    }

    /**
     * Text features from token embeddings, e.g. with learned vectors in some positions. Positional
     * embeddings are added here, as for ids.
     *
     * @param tokenEmbeds (B,L,w) float32 token embeddings (rows of {@link #tokenEmbedding()} or
     *     anything in that space), L ≤ context length
     * @param endPositions per row, the position of the end token to pool at (the causal mask makes
     *     positions after it irrelevant)
     * @return (B,d)
     */
    public NDArray encodeTextFromEmbeddings(NDArray tokenEmbeds, int[] endPositions) {
        Shape s = tokenEmbeds.getShape();
        int w = config.text().width();
        if (s.dimension() != 3 || s.get(2) != w || s.get(1) > config.text().contextLength() || s.get(1) < 1) {
            throw new IllegalArgumentException("token embeddings: expected (B, L<=" + config.text().contextLength()
                    + ", " + w + "), found " + s);
        }
        ClipOps.requireFloat32(tokenEmbeds, "token embeddings");
        if (endPositions.length != s.get(0)) {
            throw new IllegalArgumentException("endPositions: expected " + s.get(0) + " entries (one per row), found "
                    + endPositions.length);
        }
        for (int i = 0; i < endPositions.length; i++) {
            if (endPositions[i] < 0 || endPositions[i] >= s.get(1)) {
                throw new IllegalArgumentException("endPositions[" + i + "] = " + endPositions[i]
                        + " outside the sequence length " + s.get(1));
            }
        }
        int[] ends = endPositions.clone();
        return scoped(tokenEmbeds.getManager(), tmp -> text.encode(onDevice(tokenEmbeds), ends, tmp));
    }

    /**
     * Text features with pseudo-word tokens (SEARLE/iSEARLE's {@code encode_with_pseudo_tokens}, ISA's
     * sentence of tokens): the token embedding of every {@code placeholderId} occurrence is replaced by
     * the next row of {@code vectors}, in row-major order of occurrence (several per row allowed),
     * before positional embeddings are added. Differentiable w.r.t. {@code vectors} (built with
     * gather + select, no in-place writes).
     *
     * @param ids (B,L) int token ids
     * @param vectors (P,w) float32, P = number of placeholder occurrences in {@code ids}
     * @param placeholderId the placeholder token ({@code $}, 259 in CLIP's vocabulary)
     * @return (B,d)
     */
    public NDArray encodeTextWithPseudoTokens(NDArray ids, NDArray vectors, int placeholderId) {
        long[] values = readIds(ids);
        int rows = (int) ids.getShape().get(0);
        int cols = (int) ids.getShape().get(1);
        int[] ends = endPositions(values, rows, cols);
        int w = config.text().width();
        ClipOps.requireFloat32(vectors, "pseudo-token vectors");
        long[] slot = new long[values.length];
        boolean[] isPlaceholder = new boolean[values.length];
        int count = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int i = r * cols + c;
                if (values[i] == placeholderId) {
                    if (c > ends[r]) {
                        throw new IllegalArgumentException("placeholder id " + placeholderId + " at row " + r
                                + ", position " + c + " lies after the end token (position " + ends[r] + ")");
                    }
                    isPlaceholder[i] = true;
                    slot[i] = count++;
                }
            }
        }
        if (vectors.getShape().dimension() != 2 || vectors.getShape().get(0) != count || vectors.getShape().get(1) != w) {
            throw new IllegalArgumentException("pseudo-token vectors: expected (" + count + ", " + w + ") for "
                    + count + " occurrences of placeholder id " + placeholderId + ", found " + vectors.getShape());
        }
        int total = count;
        return scoped(ids.getManager(), tmp -> {
            NDArray tokens = text.embed(idsOnDevice(ids));
            if (total == 0) {
                return text.encode(tokens, ends, tmp);
            }
            Shape grid = new Shape(rows, cols);
            NDArray injected = Embedding.embedding(ClipOps.ownedLongs(tmp, slot, grid), onDevice(vectors),
                    SparseFormat.DENSE).singletonOrThrow();
            NDArray mask = ClipOps.ownedBooleans(tmp, isPlaceholder, new Shape(rows, cols, 1))
                    .broadcast(rows, cols, w);
            return text.encode(NDArrays.where(mask, injected, tokens), ends, tmp);
        });
    }

    /**
     * Token embeddings of ids, (B,L,w): the starting point for building custom inputs to
     * {@link #encodeTextFromEmbeddings}. Differentiable w.r.t. the table.
     */
    public NDArray embedTokens(NDArray ids) {
        readIds(ids);
        return scoped(ids.getManager(), tmp -> text.embed(idsOnDevice(ids)));
    }

    /**
     * The ids of a tokenizer batch as an int64 (B,L) array in {@code manager}, trimmed to the batch's
     * longest row ({@link TokenBatch#maxLength()}): positions after every end token are never used.
     */
    public static NDArray tokenIds(TokenBatch batch, NDManager manager) {
        int rows = batch.size();
        int len = Math.max(1, batch.maxLength());
        long[] flat = new long[rows * len];
        for (int r = 0; r < rows; r++) {
            int[] row = batch.ids()[r];
            for (int c = 0; c < Math.min(len, row.length); c++) {
                flat[r * len + c] = row[c];
            }
        }
        return ClipOps.ownedLongs(manager, flat, new Shape(rows, len));
    }

    /**
     * Per row, the position the text features are pooled at: the first {@code eos_token_id} (Hugging
     * Face's rule) or, when the config has none, the position of the largest id (OpenAI's rule).
     *
     * @throws IllegalArgumentException if a row lacks the end token
     */
    public int[] endPositions(NDArray ids) {
        long[] values = readIds(ids);
        return endPositions(values, (int) ids.getShape().get(0), (int) ids.getShape().get(1));
    }

    /** Image features (B,d), unnormalised, from pixels (B,3,S,S) float32 (resized, cropped, normalised). */
    public NDArray encodeImage(NDArray pixels) {
        checkPixels(pixels);
        long batch = pixels.getShape().get(0);
        if (batch <= INFERENCE_CHUNK || JniUtils.isGradMode()) {
            return scoped(pixels.getManager(), tmp -> vision.encode(onDevice(pixels)));
        }
        return scoped(pixels.getManager(), tmp -> {
            NDList parts = new NDList();
            try {
                for (long start = 0; start < batch; start += INFERENCE_CHUNK) {
                    try (NDScope chunkScope = new NDScope()) {
                        chunkScope.suppressNotUsedWarning();
                        NDArray chunk = pixels.get(new NDIndex("{}:{}", start, Math.min(batch, start + INFERENCE_CHUNK)));
                        NDArray features = vision.encode(onDevice(chunk));
                        NDScope.unregister(features); // outlives this chunk's intermediates
                        parts.add(features);
                    }
                }
                return NDArrays.concat(parts, 0);
            } finally {
                parts.close();
            }
        });
    }

    /**
     * Images per forward pass when encoding without gradient: beyond about 16 ViT-B/32 images the activations
     * (batch × tokens × 4·width floats in each MLP) no longer fit the CPU caches and throughput falls
     * (docs/benchmarks/encode.md measured batch 64 slower than 16), so larger batches run in chunks of this size.
     * Results are identical up to float rounding; training (gradient mode) always runs the whole batch.
     */
    public static final int INFERENCE_CHUNK = 16;

    /**
     * Spatial features before pooling: ViT — the patch tokens after the last block (B,N,W), class
     * token excluded; ModifiedResNet — the final feature map before the attention pool (B,F,h,h).
     */
    public NDArray spatialFeatures(NDArray pixels) {
        return spatialFeatures(pixels, false);
    }

    /**
     * Spatial features; with {@code project} (ViT only) each patch token also goes through
     * {@code ln_post} and {@code proj}, giving (B,N,d) in the joint embedding space (as MaskCLIP-style
     * dense features).
     *
     * @throws UnsupportedOperationException if {@code project} is requested for a ResNet tower
     */
    public NDArray spatialFeatures(NDArray pixels, boolean project) {
        checkPixels(pixels);
        return scoped(pixels.getManager(), tmp -> vision.spatial(onDevice(pixels), project));
    }

    /**
     * Image features and spatial features from one forward pass: {@code [0]} = {@link #encodeImage},
     * {@code [1]} = {@link #spatialFeatures(NDArray, boolean)}.
     */
    public NDArray[] encodeImageWithSpatial(NDArray pixels, boolean project) {
        checkPixels(pixels);
        NDManager out = pixels.getManager();
        NDArray[] result;
        try (NDScope scope = new NDScope(); NDManager tmp = manager.newSubManager()) {
            scope.suppressNotUsedWarning();
            result = vision.encodeWithSpatial(onDevice(pixels), project);
            for (NDArray r : result) {
                r.attach(out);
                NDScope.unregister(r);
            }
        }
        for (NDArray r : result) {
            NDScope.register(r);
        }
        return result;
    }

    /**
     * CLIP's logits: {@code exp(logit_scale) · normalise(image) · normalise(text)ᵀ}, (B_img,B_txt);
     * the transpose is the per-text logits.
     */
    public NDArray logits(NDArray imageFeatures, NDArray textFeatures) {
        return scoped(imageFeatures.getManager(), tmp -> l2Normalize(onDevice(imageFeatures))
                .matMul(l2Normalize(onDevice(textFeatures)).transpose())
                .mul(logitScale().exp()));
    }

    /**
     * Cosine similarity of every row of {@code a} (n,d) with every row of {@code b} (m,d): (n,m),
     * {@code normalise(a) · normalise(b)ᵀ}, in {@code a}'s manager.
     */
    public static NDArray cosineSimilarity(NDArray a, NDArray b) {
        return ClipOps.l2Normalize(a).matMul(ClipOps.l2Normalize(b).transpose());
    }

    /** {@code x / ||x||} along the last axis (CLIP's feature normalisation, no epsilon). */
    public static NDArray l2Normalize(NDArray x) {
        return ClipOps.l2Normalize(x);
    }

    /** Closes the model's manager and with it every weight. */
    @Override
    public void close() {
        manager.close();
    }

    /**
     * Runs {@code body} in an NDScope with a temporary manager on the model's device; the result is
     * moved to {@code out} and handed to the caller's NDScope (if any).
     */
    private NDArray scoped(NDManager out, Function<NDManager, NDArray> body) {
        NDArray result;
        try (NDScope scope = new NDScope(); NDManager tmp = manager.newSubManager()) {
            scope.suppressNotUsedWarning();
            result = body.apply(tmp);
            result.attach(out);
            NDScope.unregister(result);
        }
        NDScope.register(result);
        return result;
    }

    /** Token ids as an int64 array on the model's device that PyTorch owns (embedding backward keeps it). */
    private NDArray idsOnDevice(NDArray ids) {
        NDArray x = ids.getDevice().equals(manager.getDevice()) ? ids : ids.toDevice(manager.getDevice(), true);
        return x.toType(DataType.INT64, true);
    }

    /**
     * The input on the model's device. While gradients are being recorded the input is copied even on
     * the same device: autograd may save it for backward, and a caller's array built from Java data
     * only aliases a Java buffer that may be gone by then (see {@link ClipOps#owned}).
     */
    private NDArray onDevice(NDArray x) {
        if (!x.getDevice().equals(manager.getDevice())) {
            return x.toDevice(manager.getDevice(), true);
        }
        // toType(copy) rather than duplicate(): DJL's duplicate() detaches from the autograd graph.
        return JniUtils.isGradMode() ? x.toType(x.getDataType(), true) : x;
    }

    private void checkPixels(NDArray pixels) {
        int s = config.vision().imageSize();
        Shape shape = pixels.getShape();
        if (shape.dimension() != 4 || shape.get(1) != 3 || shape.get(2) != s || shape.get(3) != s || shape.get(0) < 1) {
            throw new IllegalArgumentException("pixels: expected (B, 3, " + s + ", " + s + "), found " + shape);
        }
        ClipOps.requireFloat32(pixels, "pixels");
    }

    /** Validates ids (shape, integer type, range) and returns them row-major. */
    private long[] readIds(NDArray ids) {
        Shape s = ids.getShape();
        int ctx = config.text().contextLength();
        if (s.dimension() != 2 || s.get(0) < 1 || s.get(1) < 1 || s.get(1) > ctx) {
            throw new IllegalArgumentException("token ids: expected (B, L<=" + ctx + "), found " + s);
        }
        DataType t = ids.getDataType();
        if (t != DataType.INT64 && t != DataType.INT32) {
            throw new IllegalArgumentException("token ids: expected int32 or int64, found " + t);
        }
        long[] values = t == DataType.INT64 ? ids.toLongArray() : toLong(ids.toIntArray());
        int vocab = config.text().vocabSize();
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] >= vocab) {
                throw new IllegalArgumentException("token ids: row " + i / s.get(1) + ", position " + i % s.get(1)
                        + " holds id " + values[i] + ", outside the vocabulary [0, " + vocab + ")");
            }
        }
        return values;
    }

    int[] endPositions(long[] values, int rows, int cols) {
        Integer eos = config.text().eosTokenId();
        int[] ends = new int[rows];
        for (int r = 0; r < rows; r++) {
            int pos = -1;
            if (eos != null) {
                for (int c = 0; c < cols && pos < 0; c++) {
                    if (values[r * cols + c] == eos) {
                        pos = c;
                    }
                }
                if (pos < 0) {
                    throw new IllegalArgumentException("token ids: row " + r + " has no end token (id " + eos + ")");
                }
            } else {
                pos = 0;
                for (int c = 1; c < cols; c++) {
                    if (values[r * cols + c] > values[r * cols + pos]) {
                        pos = c;
                    }
                }
            }
            ends[r] = pos;
        }
        return ends;
    }

    private static long[] toLong(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }
}
