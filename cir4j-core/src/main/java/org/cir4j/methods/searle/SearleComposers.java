package org.cir4j.methods.searle;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cir4j.methods.ComposerContext;
import org.cir4j.methods.ComposerInput;
import org.cir4j.methods.QueryComposer;

/** Builds the four composers: {@code searle}, {@code isearle} (φ) and {@code searle-oti}, {@code isearle-oti}. */
final class SearleComposers {
    private SearleComposers() {}

    static final Set<String> PROMPT_KEYS = Set.of("prompt", "shared-concept");

    static QueryPrompts prompts(Map<String, String> o) {
        return new QueryPrompts(QueryPrompts.parseStyle(o.getOrDefault("prompt", "relative")),
                OtiOptions.parseBool(o.getOrDefault("shared-concept", "false")));
    }

    /** φ composer: the checkpoint must be a φ directory made with {@code preset}. */
    static QueryComposer phi(String name, String preset, ComposerContext ctx) {
        ctx.checkOptions(name, PROMPT_KEYS);
        Path dir = ctx.requireCheckpoint(name);
        try {
            JsonNode cfg = new ObjectMapper().readTree(dir.resolve(PhiNetwork.CONFIG).toFile());
            String had = cfg.path("preset").asText(null);
            if (had != null && !had.equals(preset)) {
                throw new IllegalArgumentException("method '" + name + "' needs a φ trained with preset '" + preset
                        + "', " + dir + " was trained with '" + had + "'");
            }
            // The context carries the model, not its directory: only the dims can be checked here.
            BaseModel base = new BaseModel(cfg.path("base_model").asText("unknown"), ctx.model().config().embedDim(),
                    ctx.model().config().text().width());
            PhiNetwork phi = PhiNetwork.load(dir, base, ctx.model().manager());
            PseudoWordComposer.TokenSource source = new PseudoWordComposer.TokenSource() {
                @Override
                public float[][] tokens(List<ComposerInput> queries) {
                    float[][] x = new float[queries.size()][];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = queries.get(i).referenceFeature();
                    }
                    return phi.predict(x);
                }

                @Override
                public void close() {
                    phi.close();
                }
            };
            return new PseudoWordComposer(name, new PseudoWordText(ctx.model(), ctx.tokenizer()), source, prompts(ctx.options()));
        } catch (IOException e) {
            throw new UncheckedIOException("method '" + name + "': cannot load φ from " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * OTI composer: tokens come from a precomputed bank ({@code tokens=FILE}, by reference image name; the
     * way to evaluate, since OTI is slow) or are optimised at query time with {@code preset}'s options
     * (overridable) and a phrase bank ({@code phrases=FILE}). A checkpoint directory may hold
     * {@code tokens.safetensors} and {@code phrases.json} instead of the options.
     */
    static QueryComposer oti(String name, String preset, ComposerContext ctx) {
        Set<String> known = new HashSet<>(PROMPT_KEYS);
        known.add("tokens");
        known.add("phrases");
        known.add("seed");
        known.addAll(OtiOptions.KEYS);
        ctx.checkOptions(name, known);
        Map<String, String> o = new HashMap<>(ctx.options());
        Path dir = ctx.checkpoint();
        Path tokens = o.containsKey("tokens") ? Path.of(o.get("tokens"))
                : dir != null && Files.exists(dir.resolve("tokens.safetensors")) ? dir.resolve("tokens.safetensors") : null;
        Path phrases = o.containsKey("phrases") ? Path.of(o.get("phrases"))
                : dir != null && Files.exists(dir.resolve("phrases.json")) ? dir.resolve("phrases.json") : null;
        Map<String, String> otiOverrides = new HashMap<>();
        for (String k : OtiOptions.KEYS) {
            if (o.containsKey(k)) {
                otiOverrides.put(k, o.get(k));
            }
        }
        OtiOptions options = OtiOptions.preset(preset).with(otiOverrides);
        long seed = Long.parseLong(o.getOrDefault("seed", "0"));
        TokenBank bank = null;
        if (tokens != null) {
            try (NDManager m = ctx.model().manager().newSubManager()) {
                bank = TokenBank.load(tokens, m);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (bank.width() != ctx.model().config().text().width()) {
                throw new IllegalArgumentException("token bank " + tokens + " holds tokens of width " + bank.width()
                        + ", the model's token width is " + ctx.model().config().text().width());
            }
        }
        Oti oti = null;
        if (phrases != null || options.regularisation() == Regularisation.NONE) {
            try {
                PhraseBank usable = phrases == null ? new PhraseBank(Map.of()) : PhraseBank.read(phrases).usable();
                ConceptAssociation assoc = ConceptAssociation.encode(ctx.model(), ctx.tokenizer(),
                        usable.size() == 0 ? List.of("object") : usable.concepts(), PromptTemplates.PALAVRA);
                oti = new Oti(ctx.model(), ctx.tokenizer(), usable, assoc, options);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (bank == null && oti == null) {
            throw new IllegalArgumentException("method '" + name + "' needs tokens=FILE (a bank from cir4j oti) or "
                    + "phrases=FILE (to run OTI on each reference)");
        }
        TokenBank finalBank = bank;
        Oti finalOti = oti;
        PseudoWordComposer.TokenSource source = queries -> {
            float[][] out = new float[queries.size()][];
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < queries.size(); i++) {
                ComposerInput q = queries.get(i);
                float[] t = finalBank == null || q.referenceImage() == null ? null
                        : finalBank.token(ImageFeatures.name(q.referenceImage()));
                if (t == null) {
                    missing.add(i);
                }
                out[i] = t;
            }
            if (!missing.isEmpty()) {
                if (finalOti == null) {
                    ComposerInput q = queries.get(missing.get(0));
                    throw new IllegalArgumentException("token bank " + tokens + " has no token for reference "
                            + q.referenceImage() + " (and no phrases=FILE was given to run OTI)");
                }
                int b = finalOti.options().batchSize();
                for (int from = 0; from < missing.size(); from += b) {
                    List<Integer> part = missing.subList(from, Math.min(missing.size(), from + b));
                    float[][] f = new float[part.size()][];
                    for (int j = 0; j < f.length; j++) {
                        f[j] = queries.get(part.get(j)).referenceFeature();
                    }
                    float[][] t = finalOti.invert(f, seed + from).tokens();
                    for (int j = 0; j < f.length; j++) {
                        out[part.get(j)] = t[j];
                    }
                }
            }
            return out;
        };
        return new PseudoWordComposer(name, new PseudoWordText(ctx.model(), ctx.tokenizer()), source, prompts(o));
    }
}
