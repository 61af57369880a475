/**
 * The synthetic CIR world: the project's embedded default dataset (see
 * {@code docs/synthetic-world.md}). {@link org.cir4j.world.WorldGenerator#generate} renders scenes
 * of two domains (shapes, garments), writes absolute captions for mini-CLIP pretraining, unlabelled
 * images, supervised triplets and val/test benchmarks with exact ground truth, in the CIRR, CIRCO and
 * FashionIQ layouts. {@link org.cir4j.world.WorldConfig} fixes everything that affects the output
 * (same config, same bytes); {@link org.cir4j.world.ContactSheet} shows every attribute value for a
 * visual legibility check.
 *
 * <p>Sub-packages: {@code scene} (what an image shows), {@code spec} (the ground-truth predicate),
 * {@code sample} (random scenes and layouts), {@code render} (Java2D), {@code text} (captions,
 * phrasings, concepts), {@code query} (edits, composed queries, near misses), {@code io} (atomic
 * files, PNG, the published layouts).
 */
package org.cir4j.world;
