package org.cir4j.app.testing;

import org.cir4j.methods.ComposerContext;
import org.cir4j.methods.ComposerFactory;
import org.cir4j.methods.QueryComposer;

/** Test-only trained method whose checkpoint never fits: the server must leave it out, not fail requests. */
public final class BrokenCheckpointComposerFactory implements ComposerFactory {
    @Override
    public String name() {
        return "test-broken";
    }

    @Override
    public String description() {
        return "test: a checkpoint that does not fit";
    }

    @Override
    public boolean needsCheckpoint() {
        return true;
    }

    @Override
    public QueryComposer create(ComposerContext context) {
        throw new IllegalArgumentException(context.requireCheckpoint(name()) + " was trained on another base model");
    }
}
