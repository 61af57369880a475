package org.cir4j.app.testing;

import java.util.List;
import org.cir4j.methods.ComposerContext;
import org.cir4j.methods.ComposerFactory;
import org.cir4j.methods.ComposerInput;
import org.cir4j.methods.QueryComposer;
import org.cir4j.model.ClipBatchEncoder;
import org.cir4j.text.Tokenizer;

/** Test-only composer: normalise(normalise(image) + normalise(text)), so app tests do not depend on the baselines. */
public final class TestSumComposerFactory implements ComposerFactory {

    @Override
    public String name() {
        return "test-sum";
    }

    @Override
    public String description() {
        return "test: image + text";
    }

    @Override
    public QueryComposer create(ComposerContext ctx) {
        ctx.checkOptions(name(), java.util.Set.of());
        ClipBatchEncoder enc = new ClipBatchEncoder(ctx.model(), 8);
        return new QueryComposer() {
            @Override
            public String name() {
                return "test-sum";
            }

            @Override
            public float[][] compose(List<ComposerInput> queries) {
                float[][] out = new float[queries.size()][];
                for (int i = 0; i < queries.size(); i++) {
                    float[] img = unit(queries.get(i).referenceFeature());
                    float[] txt = enc.encodeTexts(ctx.tokenizer().batch(List.of(queries.get(i).captions().get(0)),
                            ctx.model().config().text().contextLength(), Tokenizer.Truncation.TRUNCATE), true)[0];
                    float[] s = new float[img.length];
                    for (int j = 0; j < s.length; j++) {
                        s[j] = img[j] + txt[j];
                    }
                    out[i] = unit(s);
                }
                return out;
            }
        };
    }

    static float[] unit(float[] v) {
        double ss = 0;
        for (float x : v) {
            ss += x * x;
        }
        float inv = (float) (1 / Math.sqrt(ss));
        float[] u = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            u[j] = v[j] * inv;
        }
        return u;
    }
}
