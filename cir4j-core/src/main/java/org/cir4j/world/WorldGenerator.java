package org.cir4j.world;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cir4j.util.AtomicFiles;
import org.cir4j.world.io.WorldFiles;
import org.cir4j.world.io.Json;
import org.cir4j.world.io.Linker;
import org.cir4j.world.text.Lexicon;

/**
 * Generates the synthetic CIR world: images rendered from scene descriptions, absolute captions for
 * mini-CLIP pretraining, unlabelled images, supervised triplets, and val / test benchmarks with exact
 * ground truth, written in the CIRR, CIRCO and (garments) FashionIQ layouts so that the readers and
 * evaluators of the real datasets serve the world unchanged.
 *
 * <p>On disk, under {@code OUT}:
 * <ul>
 *   <li>{@code world.json} — {@link WorldManifest}, written last (a folder without it is incomplete);</li>
 *   <li>{@code vocabulary.txt} — every word piece the world's grammar can produce ({@link Lexicon}),
 *       one per line, so a tokenizer built from it knows every word of every split, as a real
 *       CLIP's vocabulary would;</li>
 *   <li>per domain {@code OUT/<domain>/}: {@code images/<split>/<name>.png} (each image stored once),
 *       {@code scenes.jsonl} ({@link SceneRecord}), {@code pretrain.jsonl} ({@link PretrainRecord}),
 *       {@code unlabelled.txt}, {@code queries.jsonl} ({@link QueryRecord}), {@code concepts.json},
 *       {@code phrases.json}, {@code contact_sheet.png}, and the benchmark in {@code cirr/},
 *       {@code circo/} and, for garments, {@code fashioniq/} (images hard-linked, or copied where
 *       links are impossible).</li>
 * </ul>
 *
 * <p>Val and test both carry ground truth. The real CIRR test1 and CIRCO test splits hide it behind
 * evaluation servers; the world publishes it so that every number can be computed locally.
 *
 * <p>Deterministic: every image, query and caption draws from its own random stream derived from the
 * seed, so output is byte-identical for equal configs whatever the thread count. Every file is
 * written atomically (temporary file, then move).
 */
public final class WorldGenerator {
    private WorldGenerator() {}

    /**
     * @param out an empty or non-existent folder
     * @throws IllegalArgumentException if {@code out} exists and is not an empty folder
     */
    public static WorldManifest generate(Path out, WorldConfig cfg, ProgressListener progress) throws IOException {
        requireEmpty(out);
        Files.createDirectories(out);
        Linker linker = new Linker();
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        TreeSet<String> vocabulary = new TreeSet<>();
        try (Workers workers = new Workers(cfg.threads(), progress)) {
            for (Domain d : cfg.domains()) {
                DomainBuilder b = new DomainBuilder(d, cfg, workers, linker, out);
                b.build();
                counts.put(d.id(), b.counts);
                vocabulary.addAll(b.vocabulary);
            }
        }
        TreeSet<String> unknown = new TreeSet<>(vocabulary);
        unknown.removeAll(Lexicon.words());
        if (!unknown.isEmpty()) {
            // A caption used a word the lexicon does not list: a grammar change forgot the lexicon.
            throw new IllegalStateException("world texts use words missing from Lexicon: " + unknown);
        }
        AtomicFiles.writeString(out.resolve("vocabulary.txt"), String.join("\n", Lexicon.words()) + "\n");
        WorldManifest manifest = new WorldManifest(WorldManifest.FORMAT_VERSION, WorldManifest.GENERATOR,
                WorldManifest.GENERATOR_VERSION, cfg.seed(), cfg.size(), cfg.resolution(), counts, linker.mode(),
                List.of("val and test carry ground truth (the real CIRR test1 and CIRCO test hide theirs)",
                        "CIRR: the reference is in the gallery and must be removed from its own ranking by the evaluator",
                        "CIRCO: val and test share one gallery; gt_img_ids lists every satisfying image, target first",
                        "FashionIQ (garments): only queries whose reference and target share a FashionIQ category",
                        "phrasing templates marked held-out appear in test captions only"));
        WorldFiles.writeJson(out.resolve("world.json"), Json.pretty(), manifest);
        return manifest;
    }

    private static void requireEmpty(Path out) throws IOException {
        if (!Files.exists(out)) {
            return;
        }
        if (!Files.isDirectory(out)) {
            throw new IllegalArgumentException("world output " + out + " exists and is not a folder");
        }
        try (Stream<Path> s = Files.list(out)) {
            if (s.findAny().isPresent()) {
                throw new IllegalArgumentException("world output folder " + out + " is not empty; choose a new folder"
                        + " (a folder with world.json is a finished world, one without it an interrupted run)");
            }
        }
    }
}
