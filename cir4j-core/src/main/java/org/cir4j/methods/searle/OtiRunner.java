package org.cir4j.methods.searle;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cir4j.model.ClipModel;
import org.cir4j.text.Tokenizer;
import org.cir4j.world.ProgressListener;

/**
 * OTI over a whole image set, batch after batch, saving the token bank atomically after every batch so a
 * killed run resumes where it stopped ({@code resume}); each batch is seeded by {@code seed} and its
 * first image's position, so a resumed run writes the same tokens as an uninterrupted one.
 */
public final class OtiRunner {
    private OtiRunner() {}

    /** Loss of each batch's last step (for logs). */
    public record Summary(TokenBank bank, int invertedNow, int skippedSteps, double meanFinalLoss) {}

    public static Summary run(ClipModel model, BaseModel base, Tokenizer tokenizer, PhraseBank bank,
                              OtiOptions options, List<String> names, float[][] features, Path out, boolean resume,
                              long seed, ProgressListener progress) throws IOException {
        PhraseBank usable = bank.usable();
        if (usable.size() == 0 && options.regularisation() != Regularisation.NONE) {
            throw new IllegalArgumentException("the phrase bank has no usable concept (every concept must appear in all its phrases)");
        }
        ConceptAssociation association = ConceptAssociation.encode(model, tokenizer,
                usable.size() == 0 ? List.of("object") : usable.concepts(), PromptTemplates.PALAVRA);
        Oti oti = new Oti(model, tokenizer, usable, association, options);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("base_model", base.identity());
        meta.put("embed_dim", Integer.toString(base.embedDim()));
        meta.put("token_width", Integer.toString(base.tokenWidth()));
        meta.put("seed", Long.toString(seed));
        options.describe().forEach((k, v) -> meta.put("oti." + k, v));
        TokenBank result;
        if (Files.exists(out)) {
            if (!resume) {
                throw new IOException(out + " exists; pass --resume to continue it or choose another --out");
            }
            try (NDManager m = model.manager().newSubManager()) {
                result = TokenBank.load(out, m);
            }
            String had = result.metadata().get("base_model");
            base.requireSame(new BaseModel(had == null ? "unknown" : had, base.embedDim(),
                    result.size() == 0 ? base.tokenWidth() : result.width()), "token bank " + out);
            for (Map.Entry<String, String> e : meta.entrySet()) {
                String old = result.metadata().get(e.getKey());
                if (old != null && !old.equals(e.getValue())) {
                    throw new IllegalArgumentException("cannot resume " + out + ": it was made with " + e.getKey()
                            + "=" + old + ", this run has " + e.getValue());
                }
            }
        } else {
            result = new TokenBank(List.of(), new float[0][], meta);
        }
        int inverted = 0;
        int skipped = 0;
        double finalLoss = 0;
        int batches = 0;
        for (int from = 0; from < names.size(); from += options.batchSize()) {
            int to = Math.min(names.size(), from + options.batchSize());
            List<String> batchNames = new ArrayList<>(names.subList(from, to));
            progress.update("OTI", from, names.size());
            boolean done = batchNames.stream().allMatch(result::contains);
            if (done) {
                continue;
            }
            if (batchNames.stream().anyMatch(result::contains)) {
                throw new IllegalStateException("token bank " + out + " holds part of batch [" + from + ", " + to
                        + "): was it made with another batch size or image order?");
            }
            float[][] f = new float[to - from][];
            System.arraycopy(features, from, f, 0, to - from);
            Oti.Result r = oti.invert(f, seed * 1_000_003L + from);
            skipped += r.skippedSteps();
            finalLoss += r.total()[r.total().length - 1];
            batches++;
            result = result.append(batchNames, r.tokens());
            inverted += batchNames.size();
            try (NDManager m = model.manager().newSubManager()) {
                result.save(out, m);
            }
        }
        progress.update("OTI", names.size(), names.size());
        return new Summary(result, inverted, skipped, batches == 0 ? Double.NaN : finalLoss / batches);
    }
}
