package org.cir4j.world;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Everything that determines a generated world. Equal configs give byte-identical output.
 *
 * @param seed              world seed
 * @param size              name written to {@code world.json} ("small", "full" or "custom")
 * @param resolution        pixels on the short image side (96 for the mini-CLIP, 224 for a real CLIP)
 * @param domains           domains to generate
 * @param sizes             images / queries per split (the same for every domain)
 * @param captionsPerImage  absolute captions per pretraining image
 * @param phrasesPerConcept phrase-bank size per concept (the SEARLE release has 256)
 * @param maxExtraTargets   extra ground-truth renderings per evaluation query (0..this many)
 * @param heldOutShare      probability that a test caption uses a held-out phrasing where the family has one
 * @param threads           rendering / generation threads (output does not depend on it)
 */
public record WorldConfig(long seed, String size, int resolution, Set<Domain> domains, SplitSizes sizes,
                          int captionsPerImage, int phrasesPerConcept, int maxExtraTargets, double heldOutShare,
                          int threads) {

    /** Images in each split's gallery and queries, per domain. */
    public record SplitSizes(int pretrainImages, int unlabelledImages, int trainTriplets, int valQueries,
                             int valGallery, int testQueries, int testGallery) {
        public SplitSizes {
            if (pretrainImages < 1 || unlabelledImages < 1 || trainTriplets < 1 || valQueries < 1 || testQueries < 1) {
                throw new IllegalArgumentException("every split needs at least one item, found " + this);
            }
        }
    }

    /** Near misses per query: with the reference and the target they make CIRR's subsets of six. */
    public static final int NEAR_MISSES = 4;

    public WorldConfig {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(sizes, "sizes");
        if (domains == null || domains.isEmpty()) {
            throw new IllegalArgumentException("at least one domain must be generated");
        }
        domains = Collections.unmodifiableSet(EnumSet.copyOf(domains));
        if (resolution < 32 || resolution > 2048) {
            throw new IllegalArgumentException("resolution must be 32..2048 px on the short side, found " + resolution);
        }
        if (captionsPerImage < 1 || phrasesPerConcept < 1 || maxExtraTargets < 0 || threads < 1) {
            throw new IllegalArgumentException("captionsPerImage, phrasesPerConcept and threads must be >= 1 and "
                    + "maxExtraTargets >= 0; found " + captionsPerImage + ", " + phrasesPerConcept + ", " + threads
                    + ", " + maxExtraTargets);
        }
        if (!(heldOutShare >= 0 && heldOutShare <= 1)) {
            throw new IllegalArgumentException("heldOutShare must be in [0, 1], found " + heldOutShare);
        }
        int perQuery = 2 + maxExtraTargets + NEAR_MISSES;
        check("val", sizes.valQueries(), sizes.valGallery(), perQuery);
        check("test", sizes.testQueries(), sizes.testGallery(), perQuery);
    }

    private static void check(String split, int queries, int gallery, int perQuery) {
        if (gallery < queries * perQuery) {
            throw new IllegalArgumentException(split + " gallery of " + gallery + " images cannot hold " + queries
                    + " queries × " + perQuery + " images each (reference, target, extra targets, near misses); "
                    + "need at least " + queries * perQuery);
        }
    }

    /** Fast world for tests and CI: ~300-image galleries, 30 queries per split, 300 pretraining images. */
    public static WorldConfig small(long seed) {
        return new WorldConfig(seed, "small", 96, EnumSet.allOf(Domain.class),
                new SplitSizes(300, 100, 60, 30, 300, 30, 300), 5, 16, 2, 0.5, defaultThreads());
    }

    /** The full benchmark: 30k pretraining images and 10k-image galleries per domain. */
    public static WorldConfig full(long seed) {
        return new WorldConfig(seed, "full", 96, EnumSet.allOf(Domain.class),
                new SplitSizes(30_000, 5_000, 6_000, 1_000, 10_000, 1_000, 10_000), 5, 128, 2, 0.5, defaultThreads());
    }

    public WorldConfig withResolution(int px) {
        return new WorldConfig(seed, size, px, domains, sizes, captionsPerImage, phrasesPerConcept, maxExtraTargets,
                heldOutShare, threads);
    }

    public WorldConfig withDomains(Set<Domain> d) {
        return new WorldConfig(seed, size, resolution, d, sizes, captionsPerImage, phrasesPerConcept, maxExtraTargets,
                heldOutShare, threads);
    }

    public WorldConfig withThreads(int n) {
        return new WorldConfig(seed, size, resolution, domains, sizes, captionsPerImage, phrasesPerConcept,
                maxExtraTargets, heldOutShare, n);
    }

    /** Custom split sizes (the size name becomes "custom"). */
    public WorldConfig withSizes(SplitSizes s) {
        return new WorldConfig(seed, "custom", resolution, domains, s, captionsPerImage, phrasesPerConcept,
                maxExtraTargets, heldOutShare, threads);
    }

    private static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
}
