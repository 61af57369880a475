package org.cir4j.methods.isa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.cir4j.image.ImageDecoder;
import org.cir4j.image.ImagePreprocessor;
import org.cir4j.methods.ComposerInput;
import org.cir4j.methods.QueryComposer;
import org.cir4j.model.ClipModel;
import org.cir4j.model.TorchRuntime;
import org.cir4j.text.Tokenizer;

/**
 * ISA at query time: reference image → query model (light CNN in the asymmetric mode, the large
 * CLIP's patch tokens in the symmetric one) → M tokens → "a photo of $1 … $M that {caption}" through
 * the frozen CLIP text encoder → L2-normalised query vector, compared with the large CLIP's gallery
 * features.
 *
 * <p>FashionIQ's two captions follow iSEARLE's convention: each stripped of ".?, " at both ends, joined
 * as "c1 and c2" and "c2 and c1", and the query is normalise(normalise(f12) + normalise(f21)).
 * The reference image is preprocessed as in training ({@link ImagePreprocessor#clip} at the model's
 * input size), not with the gallery's preprocessing.
 */
final class IsaComposer implements QueryComposer {

    private static final int BATCH = 32;

    private final String name;
    private final ClipModel clip;
    private final Tokenizer tokenizer;
    private final IsaModel model;
    private final ImagePreprocessor preprocessor;
    private final ImageDecoder decoder = new ImageDecoder();

    IsaComposer(String name, ClipModel clip, Tokenizer tokenizer, IsaModel model) {
        this.name = name;
        this.clip = clip;
        this.tokenizer = tokenizer;
        this.model = model;
        this.preprocessor = ImagePreprocessor.clip(model.config().imageSize());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public float[][] compose(List<ComposerInput> queries) {
        float[][] out = new float[queries.size()][];
        for (int from = 0; from < queries.size(); from += BATCH) {
            int to = Math.min(queries.size(), from + BATCH);
            float[][] part = composeBatch(queries.subList(from, to));
            System.arraycopy(part, 0, out, from, part.length);
        }
        return out;
    }

    /** iSEARLE's FashionIQ caption cleaning: strip '.', '?', ',' and spaces at both ends. */
    static String strip(String caption) {
        int a = 0;
        int b = caption.length();
        while (a < b && ".?, ".indexOf(caption.charAt(a)) >= 0) {
            a++;
        }
        while (b > a && ".?, ".indexOf(caption.charAt(b - 1)) >= 0) {
            b--;
        }
        return caption.substring(a, b);
    }

    private float[][] composeBatch(List<ComposerInput> batch) {
        int m = model.config().tokens();
        List<float[]> pixels = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<Integer> rowsPerQuery = new ArrayList<>();
        for (ComposerInput q : batch) {
            if (q.referenceImage() == null) {
                throw new IllegalArgumentException("ISA needs the reference image file, but a query has none (captions "
                        + q.captions() + ")");
            }
            try {
                pixels.add(preprocessor.apply(decoder.decode(q.referenceImage())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read reference image " + q.referenceImage(), e);
            }
            List<String> caps = q.captions();
            if (caps.size() == 1) {
                texts.add(IsaPrompts.query(m, caps.get(0)));
                rowsPerQuery.add(1);
            } else if (caps.size() == 2) {
                String c1 = strip(caps.get(0));
                String c2 = strip(caps.get(1));
                texts.add(IsaPrompts.query(m, c1 + " and " + c2));
                texts.add(IsaPrompts.query(m, c2 + " and " + c1));
                rowsPerQuery.add(2);
            } else {
                throw new IllegalArgumentException("ISA: expected 1 caption (CIRR/CIRCO) or 2 (FashionIQ), found " + caps.size());
            }
        }
        try (NDManager sm = clip.manager().newSubManager()) {
            return TorchRuntime.withoutGradients(() -> {
                NDArray px = ImagePreprocessor.stack(sm, pixels, preprocessor.size());
                NDArray tokens = model.forward(px, clip).tokens(); // (n,M,w)
                List<NDArray> perRow = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    NDArray t = tokens.get(i);
                    for (int r = 0; r < rowsPerQuery.get(i); r++) {
                        perRow.add(t);
                    }
                }
                NDArray vectors = ai.djl.ndarray.NDArrays.concat(new ai.djl.ndarray.NDList(perRow), 0);
                NDArray ids = ClipModel.tokenIds(tokenizer.batch(texts, clip.config().text().contextLength(),
                        Tokenizer.Truncation.TRUNCATE), sm);
                float[] feats = IsaOps.l2Normalize(clip.encodeTextWithPseudoTokens(ids, vectors, tokenizer.placeholderId()))
                        .toFloatArray();
                int d = clip.config().embedDim();
                float[][] result = new float[batch.size()][];
                int row = 0;
                for (int i = 0; i < batch.size(); i++) {
                    float[] v = new float[d];
                    for (int r = 0; r < rowsPerQuery.get(i); r++, row++) {
                        for (int k = 0; k < d; k++) {
                            v[k] += feats[row * d + k];
                        }
                    }
                    result[i] = normalise(v);
                }
                return result;
            });
        }
    }

    private static float[] normalise(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        float inv = (float) (1 / Math.sqrt(s));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    @Override
    public void close() {
        model.close();
    }
}
