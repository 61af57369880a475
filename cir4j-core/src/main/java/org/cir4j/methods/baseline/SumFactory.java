package org.cir4j.methods.baseline;

import java.util.Set;
import org.cir4j.methods.ComposerContext;
import org.cir4j.methods.ComposerFactory;
import org.cir4j.methods.QueryComposer;

/**
 * {@code sum}: see {@link SumComposer}. Options {@code parts=normalized|raw} (default normalized: the baseline of
 * the papers' tables; raw: CLIP4Cir's element-wise sum of raw features) and {@code fiq-captions=clip4cir|both-orders}.
 */
public final class SumFactory implements ComposerFactory {
    @Override
    public String name() {
        return SumComposer.NAME;
    }

    @Override
    public String description() {
        return "Baseline image+text: normalise(normalise(image) + normalise(text)). Options parts=normalized|raw "
                + "(raw: normalise(image + text) on raw features, CLIP4Cir's element_wise_sum), fiq-captions=clip4cir|both-orders.";
    }

    @Override
    public QueryComposer create(ComposerContext context) {
        BaselineOptions.check(context, name(), Set.of(BaselineOptions.PARTS, BaselineOptions.FIQ_CAPTIONS));
        String parts = context.options().getOrDefault(BaselineOptions.PARTS, "normalized");
        boolean normalize = switch (parts) {
            case "normalized" -> true;
            case "raw" -> false;
            default -> throw new IllegalArgumentException("method 'sum': parts must be normalized or raw, got '" + parts + "'");
        };
        return new SumComposer(BaselineOptions.textFeatures(context), normalize);
    }
}
