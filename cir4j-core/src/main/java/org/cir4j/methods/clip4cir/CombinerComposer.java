package org.cir4j.methods.clip4cir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cir4j.methods.ComposerInput;
import org.cir4j.methods.QueryComposer;
import org.cir4j.model.ClipModel;
import org.cir4j.model.TorchRuntime;
import org.cir4j.text.Tokenizer;

/**
 * CLIP4Cir's query side: {@code C_θ(ψI(I_r), ψT(T))} with the reference image's raw gallery feature
 * ({@link ComposerInput#referenceFeature()}, as the reference's {@code validate.py} reads it from the index
 * features) and the caption's raw text feature. Two captions (FashionIQ) become "C1 and c2" as in the
 * reference evaluation. Text features are memoised per text.
 */
public final class CombinerComposer implements QueryComposer {

    private final String name;
    private final Combiner combiner;
    private final boolean ownsCombiner;
    private final ClipModel model;
    private final FeatureEncoder texts;
    private final Map<String, float[]> textCache;

    /**
     * @param ownsCombiner whether {@link #close()} closes the Combiner
     */
    public CombinerComposer(String name, Combiner combiner, boolean ownsCombiner, ClipModel model, Tokenizer tokenizer) {
        this(name, combiner, ownsCombiner, model, tokenizer, new HashMap<>());
    }

    /**
     * @param textCache text → raw text feature memo, shared by composers over the same frozen CLIP (e.g. across
     *                  validation rounds of stage 2)
     */
    public CombinerComposer(String name, Combiner combiner, boolean ownsCombiner, ClipModel model, Tokenizer tokenizer,
                            Map<String, float[]> textCache) {
        if (combiner.config().featureDim() != model.config().embedDim()) {
            throw new IllegalArgumentException("Combiner feature_dim " + combiner.config().featureDim()
                    + " differs from the CLIP's embed_dim " + model.config().embedDim());
        }
        this.name = name;
        this.combiner = combiner;
        this.ownsCombiner = ownsCombiner;
        this.model = model;
        this.texts = new FeatureEncoder(model, tokenizer, null, 256);
        this.textCache = textCache;
    }

    @Override
    public String name() {
        return name;
    }

    /** The single text CLIP4Cir encodes for a query's caption(s). */
    public static String queryText(List<String> captions) {
        return switch (captions.size()) {
            case 1 -> captions.get(0);
            case 2 -> FashionIqCaptions.evaluationText(captions.get(0), captions.get(1));
            default -> throw new IllegalArgumentException("expected one caption (CIRR/CIRCO) or two (FashionIQ), found "
                    + captions.size() + ": " + captions);
        };
    }

    @Override
    public float[][] compose(List<ComposerInput> queries) {
        if (queries.isEmpty()) {
            return new float[0][];
        }
        int d = model.config().embedDim();
        List<String> wanted = new ArrayList<>();
        List<String> queryTexts = new ArrayList<>(queries.size());
        for (ComposerInput q : queries) {
            String t = queryText(q.captions());
            queryTexts.add(t);
            if (!textCache.containsKey(t) && !wanted.contains(t)) {
                wanted.add(t);
            }
        }
        if (!wanted.isEmpty()) {
            float[][] f = texts.texts(wanted);
            for (int i = 0; i < wanted.size(); i++) {
                textCache.put(wanted.get(i), f[i]);
            }
        }
        int n = queries.size();
        float[] img = new float[n * d];
        float[] txt = new float[n * d];
        for (int i = 0; i < n; i++) {
            float[] r = queries.get(i).referenceFeature();
            if (r == null || r.length != d) {
                throw new IllegalArgumentException("query " + i + " (" + queries.get(i).referenceImage()
                        + "): reference feature must have " + d + " values, found " + (r == null ? "none" : r.length));
            }
            System.arraycopy(r, 0, img, i * d, d);
            System.arraycopy(textCache.get(queryTexts.get(i)), 0, txt, i * d, d);
        }
        return TorchRuntime.withoutGradients(() -> {
            try (NDManager m = model.manager().newSubManager()) {
                NDArray out = combiner.combine(m.create(img, new Shape(n, d)), m.create(txt, new Shape(n, d)), false);
                float[] flat = out.toFloatArray();
                float[][] rows = new float[n][];
                for (int i = 0; i < n; i++) {
                    rows[i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
                }
                return rows;
            }
        });
    }

    @Override
    public void close() {
        if (ownsCombiner) {
            combiner.close();
        }
    }
}
