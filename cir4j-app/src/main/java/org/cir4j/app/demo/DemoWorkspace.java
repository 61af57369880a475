package org.cir4j.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.cir4j.app.search.BenchmarkQueries;
import org.cir4j.app.search.ModelBundle;
import org.cir4j.index.gallery.GalleryIndexWriter;
import org.cir4j.index.gallery.IndexOptions;
import org.cir4j.index.gallery.SyncReport;
import org.cir4j.util.AtomicFiles;
import org.cir4j.world.Domain;
import org.cir4j.world.ProgressListener;
import org.cir4j.world.WorldConfig;
import org.cir4j.world.WorldGenerator;
import org.cir4j.world.io.JsonLines;

/**
 * Everything {@code cir4j demo} needs, cached under one folder so the second run only checks it:
 * <pre>
 *   DIR/world-&lt;key&gt;/            a demo-size synthetic world (both domains), written once, atomically
 *   DIR/gallery-&lt;key&gt;/&lt;domain&gt;  links to each domain's test gallery (ids read "shapes/shapes-test-000001.png")
 *   DIR/index-&lt;key&gt;-&lt;model&gt;/   the gallery index for that model, with queries.jsonl (the test queries + ground truth)
 * </pre>
 * The key names seed and sizes; the model part is the model fingerprint, so a retrained mini-CLIP gets a new index
 * instead of a refusal.
 */
public final class DemoWorkspace {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** World size: test gallery images and test queries per domain. */
    public record Size(int galleryPerDomain, int queriesPerDomain, long seed) {
        String key() {
            return "s" + seed + "-g" + galleryPerDomain + "-q" + queriesPerDomain;
        }

        WorldConfig worldConfig() {
            int per = 2 + 2 + WorldConfig.NEAR_MISSES; // reference, target, up to 2 extra targets, near misses
            // Training splits are not used by the demo: the smallest the generator accepts.
            WorldConfig.SplitSizes s = new WorldConfig.SplitSizes(8, 8, 8, 2, 2 * per, queriesPerDomain, galleryPerDomain);
            return WorldConfig.small(seed).withDomains(EnumSet.allOf(Domain.class)).withSizes(s);
        }
    }

    public record Prepared(Path world, Path gallery, Path index, SyncReport sync, int queries) {}

    private DemoWorkspace() {}

    public static Prepared prepare(Path dir, Size size, ModelBundle bundle, ProgressListener progress) throws IOException {
        Files.createDirectories(dir);
        Path world = dir.resolve("world-" + size.key());
        if (!Files.isRegularFile(world.resolve("world.json"))) {
            Path tmp = dir.resolve(".world-" + size.key() + ".partial");
            AtomicFiles.deleteTree(tmp); // an interrupted earlier run
            WorldGenerator.generate(tmp, size.worldConfig(), progress);
            AtomicFiles.deleteTree(world);
            AtomicFiles.move(tmp, world);
        }
        Path gallery = dir.resolve("gallery-" + size.key());
        Files.createDirectories(gallery);
        for (Domain d : Domain.values()) {
            Path link = gallery.resolve(d.id());
            Path target = world.resolve(d.id()).resolve("images").resolve("test").toAbsolutePath();
            if (!Files.isSymbolicLink(link)) {
                Files.createSymbolicLink(link, target);
            } else if (!Files.readSymbolicLink(link).equals(target)) {
                Files.delete(link);
                Files.createSymbolicLink(link, target);
            }
        }
        // The key names everything the vectors depend on, so changing the model or the preprocessing builds a new
        // index instead of failing on the old one (String.hashCode is specified, hence stable across runs).
        Path index = dir.resolve("index-" + size.key() + "-" + bundle.modelId() + "-p"
                + Integer.toHexString(bundle.preprocessor().toString().hashCode()));
        SyncReport report = GalleryIndexWriter.sync(index, gallery, bundle.encoder(), IndexOptions.DEFAULT.withBatchSize(64).withCommitEvery(512),
                bundle.dir().toString(), progress);
        List<BenchmarkQueries.Query> queries = testQueries(world);
        BenchmarkQueries.write(index, queries);
        return new Prepared(world, gallery, index, report, queries.size());
    }

    /** The test split's queries of every domain, ids made relative to the gallery folder. */
    static List<BenchmarkQueries.Query> testQueries(Path world) throws IOException {
        List<BenchmarkQueries.Query> out = new ArrayList<>();
        for (Domain d : Domain.values()) {
            Path f = world.resolve(d.id()).resolve("queries.jsonl");
            JsonLines.read(f, JSON, JsonNode.class, (q, line) -> {
                if ("test".equals(q.path("split").asText())) {
                    List<String> targets = new ArrayList<>();
                    for (JsonNode t : q.path("ground_truth")) {
                        targets.add(d.id() + "/" + t.asText() + ".png");
                    }
                    out.add(new BenchmarkQueries.Query(d.id() + "/" + q.path("reference").asText() + ".png",
                            q.path("caption").asText(), targets, d.id()));
                }
            });
        }
        return out;
    }
}
