package org.cir4j.app.testing;

import java.util.List;
import org.cir4j.methods.ComposerContext;
import org.cir4j.methods.ComposerFactory;
import org.cir4j.methods.ComposerInput;
import org.cir4j.methods.QueryComposer;

/** Test-only composer that takes 3 s on captions containing "SLOW" (request timeouts); otherwise the test sum. */
public final class SlowComposerFactory implements ComposerFactory {
    @Override
    public String name() {
        return "test-slow";
    }

    @Override
    public String description() {
        return "test: sleeps on SLOW captions";
    }

    @Override
    public QueryComposer create(ComposerContext context) {
        QueryComposer inner = new TestSumComposerFactory().create(context);
        return new QueryComposer() {
            @Override
            public String name() {
                return "test-slow";
            }

            @Override
            public float[][] compose(List<ComposerInput> queries) {
                if (queries.stream().anyMatch(q -> q.captions().get(0).contains("SLOW"))) {
                    try {
                        Thread.sleep(3000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                }
                return inner.compose(queries);
            }
        };
    }
}
