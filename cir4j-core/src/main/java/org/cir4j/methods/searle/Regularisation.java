package org.cir4j.methods.searle;

/**
 * How pseudo-word tokens are kept on the token-embedding manifold (iSEARLE Sec. III-A and the OTI
 * ablations of Table VIII).
 */
public enum Regularisation {
    /** L_gpt: a pre-generated phrase "a photo of {concept} that …" against the same phrase with the concept replaced by $. */
    GPT,
    /** "w/o GPT reg": "a photo of {concept}" against "a photo of $" (the concept without the GPT suffix). */
    CONCEPT,
    /** "random reg": "a photo of {random word}" against "a photo of $" (the concept replaced by a random word). */
    RANDOM,
    /** "w/o reg": no regularisation loss. */
    NONE;

    public static Regularisation parse(String s) {
        return switch (s.toLowerCase()) {
            case "gpt" -> GPT;
            case "concept", "w/o-gpt", "no-gpt" -> CONCEPT;
            case "random" -> RANDOM;
            case "none", "off" -> NONE;
            default -> throw new IllegalArgumentException("regularisation '" + s + "': expected gpt, concept, random or none");
        };
    }
}
