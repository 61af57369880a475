package org.cir4j.methods.baseline;

import java.util.Set;
import org.cir4j.methods.ComposerContext;

/** Options shared by the text-using baselines. */
final class BaselineOptions {
    static final String FIQ_CAPTIONS = "fiq-captions";
    static final String PARTS = "parts";
    /** Texts per text-encoder forward pass. */
    static final int TEXT_BATCH = 64;

    private BaselineOptions() {}

    static FashionIqCaptions fashionIq(ComposerContext ctx) {
        return FashionIqCaptions.parse(ctx.options().getOrDefault(FIQ_CAPTIONS, FashionIqCaptions.CLIP4CIR.id()));
    }

    static TextFeatures textFeatures(ComposerContext ctx) {
        return new TextFeatures(ctx.model(), ctx.tokenizer(), fashionIq(ctx), TEXT_BATCH);
    }

    static void check(ComposerContext ctx, String method, Set<String> known) {
        ctx.checkOptions(method, known);
    }
}
