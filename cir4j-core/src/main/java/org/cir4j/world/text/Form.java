package org.cir4j.world.text;

/**
 * Grammatical form of a relative caption. Predicates read after "a photo of $ that" ("has two
 * stars", CIRCO style); imperatives are edit instructions ("make the circle blue", CIRR style). A
 * conjunction joins two clauses of the same form so it stays grammatical.
 */
public enum Form {
    PREDICATE,
    IMPERATIVE
}
