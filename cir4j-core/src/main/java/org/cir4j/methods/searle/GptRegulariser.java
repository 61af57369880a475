package org.cir4j.methods.searle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cir4j.model.TorchRuntime;

/**
 * The GPT-powered regularisation loss L_gpt = mean_i (1 − cos(ψT(T̂_i), ψT(T̂*_i))) and its ablations
 * ({@link Regularisation}). For each image one of its associated concepts is drawn, then one of that
 * concept's phrases; T̂* replaces the concept by {@code $} (the first occurrence in OTI, every occurrence in
 * φ training, as the reference code does).
 */
public final class GptRegulariser {
    private final PseudoWordText text;
    private final PhraseBank bank;
    private final List<String> concepts;
    private final Regularisation mode;
    private final boolean replaceAll;
    private final List<String> randomWords;

    /**
     * @param concepts the concept list the association indices refer to (all present in {@code bank})
     */
    public GptRegulariser(PseudoWordText text, PhraseBank bank, List<String> concepts, Regularisation mode,
                          boolean replaceAll) {
        this.text = text;
        this.bank = bank;
        this.concepts = concepts;
        this.mode = mode;
        this.replaceAll = replaceAll;
        this.randomWords = mode == Regularisation.RANDOM ? knownWords(bank, text) : List.of();
    }

    private static List<String> knownWords(PhraseBank bank, PseudoWordText text) {
        List<String> out = new ArrayList<>();
        for (String w : bank.words()) {
            if (PromptTemplates.knowsAll(text.tokenizer(), w)) {
                out.add(w);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("random regularisation: the phrase bank has no word the tokenizer knows");
        }
        return out;
    }

    public Regularisation mode() {
        return mode;
    }

    /** The (reference, pseudo) prompt pairs for one step. */
    public List<String[]> sample(int[][] conceptsPerImage, SplittableRandom rng) {
        List<String[]> pairs = new ArrayList<>();
        for (int[] cs : conceptsPerImage) {
            if (cs.length == 0) {
                throw new IllegalArgumentException("an image has no associated concept to regularise with");
            }
            String c = concepts.get(cs[rng.nextInt(cs.length)]);
            switch (mode) {
                case GPT -> {
                    List<String> ps = bank.phrases(c);
                    String p = ps.get(rng.nextInt(ps.size()));
                    String pseudo = replaceAll ? p.replace(c, " $ ") : p.replaceFirst(java.util.regex.Pattern.quote(c),
                            " \\$ ");
                    pairs.add(new String[] {p, pseudo});
                }
                case CONCEPT -> pairs.add(new String[] {PromptTemplates.fill(PromptTemplates.PLAIN, c),
                        PromptTemplates.fill(PromptTemplates.PLAIN, "$")});
                case RANDOM -> pairs.add(new String[] {
                        PromptTemplates.fill(PromptTemplates.PLAIN, randomWords.get(rng.nextInt(randomWords.size()))),
                        PromptTemplates.fill(PromptTemplates.PLAIN, "$")});
                case NONE -> throw new IllegalStateException("no regularisation pairs when regularisation is off");
            }
        }
        return pairs;
    }

    /**
     * L_gpt for the batch's vectors (B,w): a scalar in {@code manager}. The reference features ψT(T̂) are
     * computed without gradients (the text encoder is frozen).
     */
    public NDArray loss(List<String[]> pairs, NDArray vectors, NDManager manager, ContentLoss form) {
        List<String> refs = new ArrayList<>();
        List<String> pseudo = new ArrayList<>();
        for (String[] p : pairs) {
            refs.add(p[0]);
            pseudo.add(p[1]);
        }
        NDArray target = TorchRuntime.withoutGradients(() -> text.encodePlain(refs, manager));
        NDArray y = text.encode(pseudo, vectors, manager);
        return Losses.distance(target, y, form);
    }
}
