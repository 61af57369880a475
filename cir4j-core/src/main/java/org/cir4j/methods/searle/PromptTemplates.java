package org.cir4j.methods.searle;

import java.util.ArrayList;
import java.util.List;
import org.cir4j.text.Tokenizer;
import org.cir4j.text.WordLevelTokenizer;

/**
 * The prompts of SEARLE/iSEARLE.
 *
 * <p>{@link #PALAVRA} are the 24 templates of the reference code's {@code get_templates()} (taken from
 * PALAVRA): OTI samples one per image and step with the pseudo-word in the slot, and concept association
 * encodes every concept with all of them (ensembled). With a small word-level vocabulary (the world's
 * mini-CLIP) templates containing out-of-vocabulary words would only feed {@code <unk>} tokens, so
 * {@link #usable} drops them (and says which remain).
 */
public final class PromptTemplates {
    private PromptTemplates() {}

    public static final List<String> PALAVRA = List.of(
            "This is a photo of a {}",
            "This photo contains a {}",
            "A photo of a {}",
            "This is an illustration of a {}",
            "This illustration contains a {}",
            "An illustrations of a {}",
            "This is a sketch of a {}",
            "This sketch contains a {}",
            "A sketch of a {}",
            "This is a diagram of a {}",
            "This diagram contains a {}",
            "A diagram of a {}",
            "A {}",
            "We see a {}",
            "{}",
            "We see a {} in this photo",
            "We see a {} in this image",
            "We see a {} in this illustration",
            "We see a {} photo",
            "We see a {} image",
            "We see a {} illustration",
            "{} photo",
            "{} image",
            "{} illustration");

    /** The pseudo-word as the reference code writes it into prompts. */
    public static final String PSEUDO_WORD = "$";

    /** The zero-shot CIR query prompt (CIRR, CIRCO, FashionIQ). */
    public static final String RELATIVE = "a photo of $ that {}";
    /** Domain conversion (Pic2Word's setting): "{domain} of $". */
    public static final String DOMAIN = "{} of $";
    /** Object composition: "a photo of $, {obj1} and {obj2}". */
    public static final String OBJECTS = "a photo of $, {}";
    /** The prompt of the image-retrieval check of Table X and of the "w/o GPT reg" ablation. */
    public static final String PLAIN = "a photo of {}";

    /** {@code template} with its slot filled. */
    public static String fill(String template, String value) {
        return template.replace("{}", value);
    }

    /**
     * The templates whose words the tokenizer knows (only a word-level tokenizer can lack words; BPE
     * encodes everything). Fails if none remains.
     */
    public static List<String> usable(List<String> templates, Tokenizer tokenizer) {
        List<String> out = new ArrayList<>();
        for (String t : templates) {
            if (knowsAll(tokenizer, fill(t, "").trim())) {
                out.add(t);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("none of the " + templates.size()
                    + " prompt templates can be written with this tokenizer's vocabulary: " + templates);
        }
        return out;
    }

    /** Whether every word of {@code text} is in the tokenizer's vocabulary. */
    public static boolean knowsAll(Tokenizer tokenizer, String text) {
        if (!(tokenizer instanceof WordLevelTokenizer w)) {
            return true;
        }
        for (int id : tokenizer.encode(text)) {
            if (id == w.unknownId()) {
                return false;
            }
        }
        return true;
    }
}
