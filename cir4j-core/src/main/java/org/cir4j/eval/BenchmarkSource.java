package org.cir4j.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cir4j.data.CirDataset;
import org.cir4j.data.CircoDataset;
import org.cir4j.data.CirrDataset;
import org.cir4j.data.DatasetKind;
import org.cir4j.data.FashionIqDataset;
import org.cir4j.data.MissingImagePolicy;
import org.cir4j.world.WorldManifest;

/**
 * Where an evaluation's queries come from: one of the published layouts under a root folder, or the synthetic world,
 * which writes each domain's benchmark in those layouts.
 *
 * <p>World: the domains are the keys of {@code world.json}'s {@code counts}. A domain that has FashionIQ triplets
 * (the narrow garments domain) is evaluated as FashionIQ + CIRCO; every other domain (shapes, the open-domain
 * stand-in) as CIRR + CIRCO — the pairing of the papers' tables. Splits: {@code val}, and {@code test} (CIRR's is
 * called {@code test1}); the world's test splits carry ground truth, the published ones do not.
 */
public enum BenchmarkSource {
    FASHIONIQ("fashioniq"),
    CIRR("cirr"),
    CIRCO("circo"),
    WORLD("world");

    /** Counts key that marks a world domain with a FashionIQ layout. */
    static final String FASHIONIQ_COUNT = "fashioniq_triplets";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id;

    BenchmarkSource(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static BenchmarkSource parse(String s) {
        for (BenchmarkSource b : values()) {
            if (b.id.equals(s.toLowerCase(Locale.ROOT))) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + s + "'; expected one of fashioniq, cirr, circo, world");
    }

    /**
     * The tasks of {@code split} ({@code val} or {@code test}) under {@code root}.
     *
     * @param domain world only: evaluate just this domain ({@code null}: all)
     */
    public List<EvalTask> tasks(Path root, String split, String domain, MissingImagePolicy missing) {
        if (!split.equals("val") && !split.equals("test")) {
            throw new IllegalArgumentException("split must be val or test, got '" + split + "'");
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(id + " root not found: " + root);
        }
        if (domain != null && this != WORLD) {
            throw new IllegalArgumentException("--domain applies to --dataset world only");
        }
        return switch (this) {
            case FASHIONIQ -> List.of(fashionIq("fashioniq/" + split, root, split, missing));
            case CIRR -> List.of(cirr("cirr/" + split, root, split, missing));
            case CIRCO -> List.of(circo("circo/" + split, root, split, missing));
            case WORLD -> world(root, split, domain, missing);
        };
    }

    private static EvalTask fashionIq(String label, Path root, String split, MissingImagePolicy missing) {
        return new EvalTask(label, DatasetKind.FASHION_IQ, FashionIqDataset.loadAll(root, split, missing));
    }

    private static EvalTask cirr(String label, Path root, String split, MissingImagePolicy missing) {
        return new EvalTask(label, DatasetKind.CIRR, List.of(CirrDataset.load(root, split.equals("test") ? "test1" : split, missing)));
    }

    private static EvalTask circo(String label, Path root, String split, MissingImagePolicy missing) {
        return new EvalTask(label, DatasetKind.CIRCO, List.of(CircoDataset.load(root, split, missing)));
    }

    /**
     * The world's tasks: per domain, FashionIQ + CIRCO (a domain with FashionIQ triplets) or CIRR + CIRCO.
     *
     * @param only {@code null} for every task, else a comma-separated list of {@code DOMAIN} (both of its
     *             benchmarks) or {@code DOMAIN/LAYOUT} (one benchmark, e.g. {@code shapes/cirr})
     */
    private static List<EvalTask> world(Path root, String split, String only, MissingImagePolicy missing) {
        WorldManifest manifest = readManifest(root);
        Set<String> wanted = new LinkedHashSet<>();
        if (only != null) {
            for (String part : only.split(",")) {
                if (!part.isBlank()) {
                    wanted.add(part.strip());
                }
            }
        }
        // Every name --domain may give (a domain, or domain/layout): what the manifest holds, collected as we go.
        Set<String> known = new LinkedHashSet<>();
        List<EvalTask> tasks = new ArrayList<>();
        for (Map.Entry<String, Map<String, Integer>> e : manifest.counts().entrySet()) {
            String domain = e.getKey();
            known.add(domain);
            Path dir = root.resolve(domain);
            String first = e.getValue().containsKey(FASHIONIQ_COUNT) ? "fashioniq" : "cirr";
            for (String layout : List.of(first, "circo")) {
                String key = domain + "/" + layout;
                known.add(key);
                if (!wanted.isEmpty() && !wanted.contains(domain) && !wanted.contains(key)) {
                    continue;
                }
                String label = key + "/" + split;
                Path layoutDir = requireDir(dir.resolve(layout));
                tasks.add(switch (layout) {
                    case "fashioniq" -> fashionIq(label, layoutDir, split, missing);
                    case "cirr" -> cirr(label, layoutDir, split, missing);
                    default -> circo(label, layoutDir, split, missing);
                });
            }
        }
        Set<String> unknown = new LinkedHashSet<>(wanted);
        unknown.removeAll(known);
        if (tasks.isEmpty() || !unknown.isEmpty()) {
            throw new IllegalArgumentException(root.resolve("world.json") + " has no "
                    + (unknown.isEmpty() ? "tasks" : "domain or benchmark " + unknown) + "; known: " + known);
        }
        return tasks;
    }

    private static Path requireDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("world layout folder missing: " + dir);
        }
        return dir;
    }

    static WorldManifest readManifest(Path root) {
        Path file = root.resolve("world.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(root + " is not a generated world: " + file
                    + " is missing (wrong folder, or an interrupted `cir4j world generate`)");
        }
        try {
            WorldManifest m = JSON.readValue(file.toFile(), WorldManifest.class);
            if (m.formatVersion() != WorldManifest.FORMAT_VERSION || m.counts() == null) {
                throw new IllegalArgumentException(file + ": format_version " + m.formatVersion() + ", this reader understands "
                        + WorldManifest.FORMAT_VERSION + (m.counts() == null ? "; no counts" : ""));
            }
            return m;
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }
}
