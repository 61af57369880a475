package org.cir4j.methods.searle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.cir4j.methods.ComposerInput;
import org.cir4j.methods.QueryComposer;
import org.cir4j.model.ClipModel;
import org.cir4j.model.TorchRuntime;

/**
 * SEARLE/iSEARLE query composition: the reference image becomes a pseudo-word token (from φ or OTI),
 * written into the query prompt(s) and encoded by the frozen CLIP text encoder; the normalised feature
 * (averaged over FashionIQ's two caption orders, then renormalised) is the query.
 */
public final class PseudoWordComposer implements QueryComposer {

    /** Turns the references of a batch of queries into pseudo-word tokens (B,w). */
    public interface TokenSource extends AutoCloseable {
        float[][] tokens(List<ComposerInput> queries);

        @Override
        default void close() {}
    }

    private final String name;
    private final PseudoWordText text;
    private final TokenSource source;
    private final QueryPrompts prompts;

    public PseudoWordComposer(String name, PseudoWordText text, TokenSource source, QueryPrompts prompts) {
        this.name = name;
        this.text = text;
        this.source = source;
        this.prompts = prompts;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public float[][] compose(List<ComposerInput> queries) {
        float[][] tokens = source.tokens(queries);
        List<String> all = new ArrayList<>();
        List<float[]> vecs = new ArrayList<>();
        int[] counts = new int[queries.size()];
        for (int q = 0; q < queries.size(); q++) {
            ComposerInput in = queries.get(q);
            List<String> ps = prompts.prompts(in.captions(), in.sharedConcept());
            counts[q] = ps.size();
            for (String p : ps) {
                all.add(p);
                vecs.add(tokens[q]);
            }
        }
        float[][] features = TorchRuntime.withoutGradients(() -> {
            try (NDManager m = text.model().manager().newSubManager()) {
                NDArray f = ClipModel.l2Normalize(text.encode(all, Nd.floats(m, vecs.toArray(float[][]::new)), m));
                return Nd.rows(f);
            }
        });
        float[][] out = new float[queries.size()][];
        int row = 0;
        for (int q = 0; q < queries.size(); q++) {
            float[] sum = new float[features[0].length];
            for (int j = 0; j < counts[q]; j++) {
                float[] f = features[row++];
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += f[i];
                }
            }
            out[q] = Nd.normalized(sum);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            source.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the token source of " + name + " failed", e);
        }
    }
}
