package org.cir4j.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.cir4j.app.Main;
import org.cir4j.model.ClipCheckpoints;
import org.cir4j.model.ClipConfig;
import org.cir4j.model.ClipModel;
import org.cir4j.text.WordLevelTokenizer;
import org.cir4j.world.Domain;
import org.cir4j.world.ProgressListener;
import org.cir4j.world.WorldConfig;
import org.cir4j.world.WorldGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cir4j eval} and {@code cir4j methods} in-process, on a tiny generated world (both domains, 32 px) with a tiny
 * random CLIP saved in the HF layout beside a word-level tokenizer: the numbers are meaningless, the files and
 * their contents are not.
 */
class EvalCommandTest {
    @TempDir static Path tmp;
    static Path world;
    static Path model;

    @BeforeAll
    static void setUp() throws IOException {
        world = tmp.resolve("world");
        // Tiny splits, one caption per image and one phrase per concept: generation is most of this class's time.
        WorldConfig cfg = new WorldConfig(3, "custom", 32, EnumSet.allOf(Domain.class), new WorldConfig.SplitSizes(4, 2, 6, 6, 60, 16, 128),
                1, 1, 2, 0.5, 2);
        long t0 = System.nanoTime();
        WorldGenerator.generate(world, cfg, ProgressListener.NONE);
        System.err.printf("tiny world generated in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        model = tmp.resolve("model");
        WordLevelTokenizer built = WordLevelTokenizer.build(Files.readAllLines(world.resolve("vocabulary.txt")), 1);
        built.save(model);
        WordLevelTokenizer tok = endTokenLast(model);
        ClipConfig config = new ClipConfig(1, 32, ClipConfig.Activation.QUICK_GELU, 1e-5, ClipConfig.DEFAULT_LOGIT_SCALE_INIT,
                ClipConfig.VisionConfig.vit(32, 16, 32, 1, 2),
                ClipConfig.TextConfig.of(tok.vocabSize(), 48, 32, 2, 1, tok.endId(), tok.startId(), tok.padId()));
        try (NDManager m = NDManager.newBaseManager(); ClipModel clip = ClipModel.randomInit(config, 11, m)) {
            ClipCheckpoints.save(clip, model);
        }
    }

    /** HF configs cannot carry end id 2 (transformers' legacy argmax rule): move the end token to the last id. */
    private static WordLevelTokenizer endTokenLast(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path vocab = dir.resolve(WordLevelTokenizer.VOCAB_FILE);
        var ids = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(vocab.toFile());
        int end = ids.get(WordLevelTokenizer.END).asInt();
        int last = ids.size() - 1;
        String lastToken = null;
        for (var it = ids.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().asInt() == last) {
                lastToken = e.getKey();
            }
        }
        ids.put(lastToken, end);
        ids.put(WordLevelTokenizer.END, last);
        json.writeValue(vocab.toFile(), ids);
        return WordLevelTokenizer.load(dir);
    }

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        var cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void evaluatesEveryWorldTaskAndWritesReports() throws IOException {
        Path out = tmp.resolve("reports");
        Path cache = tmp.resolve("cache");
        Run r = run("eval", "--dataset", "world", "--root", world.toString(), "--model", model.toString(),
                "--method", "image-only", "--method", "sum", "--option", "sum:parts=raw",
                "--out", out.toString(), "--cache", cache.toString(), "--submission", "--split", "test");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("shapes/cirr/test", "shapes/circo/test", "garments/fashioniq/test", "garments/circo/test",
                "sum[parts=raw]", "R@1", "R@50", "mAP@10", "negation", "Avg");

        for (String method : List.of("image-only", "sum-parts-raw-")) {
            assertThat(out.resolve("shapes_cirr_test").resolve(method + ".md")).exists();
        }
        JsonNode cirr = new ObjectMapper().readTree(out.resolve("shapes_cirr_test").resolve("image-only.json").toFile());
        assertThat(cirr.get("dataset").asText()).isEqualTo("shapes/cirr/test");
        assertThat(cirr.get("metrics").get("recall").fieldNames()).toIterable().containsExactly("R@1", "R@5", "R@10", "R@50");
        assertThat(cirr.get("metrics").get("subset").fieldNames()).toIterable().containsExactly("R_s@1", "R_s@2", "R_s@3");
        // CIRR removes the reference as published; the world does the same for CIRCO, and the report says so.
        assertThat(cirr.get("notes").toString()).doesNotContain("reference image");
        JsonNode circoJson = new ObjectMapper().readTree(out.resolve("garments_circo_test").resolve("image-only.json").toFile());
        assertThat(circoJson.get("notes").toString()).contains("reference image removed");
        String circo = Files.readString(out.resolve("garments_circo_test").resolve("sum-parts-raw-.md"));
        assertThat(circo).contains("mAP@5", "mAP@10", "mAP@25", "mAP@50", "per-aspect");
        String fiq = Files.readString(out.resolve("garments_fashioniq_test").resolve("sum-parts-raw-.md"));
        assertThat(fiq).contains("dress", "shirt", "toptee", "average", "R@10", "R@50");
        try (Stream<Path> pngs = Files.walk(out)) {
            assertThat(pngs.filter(p -> p.toString().endsWith("_similarity.png")).count()).isEqualTo(8);
        }
        assertThat(out.resolve("shapes_cirr_test").resolve("sum-parts-raw-_cirr_recall.json")).exists();
        assertThat(out.resolve("shapes_circo_test").resolve("image-only_circo.json")).exists();
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("results")).hasSize(8);
        assertThat(summary.get("methods")).hasSize(2);
        assertThat(summary.get("methods").get(1).get("label").asText()).isEqualTo("sum[parts=raw]");
        assertThat(summary.get("methods").get(1).get("options").get("parts").asText()).isEqualTo("raw");
        assertThat(summary.get("model_sha256").asText()).hasSize(64);
        assertThat(Files.readString(out.resolve("summary.md"))).contains("Gallery encoding", "images/s");

        // Second run: every gallery comes from the cache, nothing is encoded again.
        Run again = run("eval", "--dataset", "world", "--root", world.toString(), "--model", model.toString(), "--domain", "shapes",
                "--method", "image-only", "--out", tmp.resolve("reports2").toString(), "--cache", cache.toString(), "--split", "test",
                "--no-histograms", "--summary");
        assertThat(again.code()).as(again.err()).isZero();
        JsonNode enc = new ObjectMapper().readTree(tmp.resolve("reports2").resolve("summary.json").toFile()).get("gallery_encoding");
        assertThat(enc).hasSize(2);
        enc.forEach(e -> assertThat(e.get("encoded").asInt()).isZero());
        assertThat(again.out()).doesNotContain("garments").doesNotContain("reports:");

        // Single benchmarks across domains (how searle.sh evaluates the OTI ablations), and a clear error for a typo.
        Run picked = run("eval", "--dataset", "world", "--root", world.toString(), "--model", model.toString(),
                "--domain", "shapes/cirr,garments/fashioniq", "--method", "image-only", "--out", tmp.resolve("reports3").toString(),
                "--cache", cache.toString(), "--split", "test", "--no-histograms", "--summary");
        assertThat(picked.code()).as(picked.err()).isZero();
        JsonNode tasks = new ObjectMapper().readTree(tmp.resolve("reports3").resolve("summary.json").toFile()).get("results");
        List<String> labels = new ArrayList<>();
        tasks.forEach(t -> labels.add(t.get("task").asText()));
        assertThat(labels).containsExactly("shapes/cirr/test", "garments/fashioniq/test");
        Run typo = run("eval", "--dataset", "world", "--root", world.toString(), "--model", model.toString(),
                "--domain", "shapes/fashioniq", "--method", "image-only", "--out", tmp.resolve("reports4").toString(),
                "--cache", cache.toString(), "--split", "test");
        assertThat(typo.code()).isNotZero();
        assertThat(typo.err()).contains("shapes/fashioniq", "shapes/cirr", "garments/fashioniq");
    }

    /** The published layouts directly (not through the world's manifest): CIRR, CIRCO and FashionIQ readers end to end. */
    @Test
    void evaluatesThePublishedLayoutsDirectly() throws IOException {
        String[][] cases = {
            {"cirr", "shapes/cirr", "R_s@1"},
            {"circo", "shapes/circo", "mAP@10"},
            {"fashioniq", "garments/fashioniq", "toptee"},
        };
        for (String[] c : cases) {
            Path out = tmp.resolve("published-" + c[0]);
            Run r = run("eval", "--dataset", c[0], "--root", world.resolve(c[1]).toString(), "--model", model.toString(),
                    "--method", "image-only", "--split", "val", "--out", out.toString(), "--no-histograms");
            assertThat(r.code()).as(c[0] + ": " + r.err()).isZero();
            assertThat(r.out()).as(c[0]).contains(c[2]);
            try (Stream<Path> reports = Files.walk(out)) {
                assertThat(reports.filter(p -> p.getFileName().toString().equals("image-only.json")).count()).as(c[0]).isEqualTo(1);
            }
        }
    }

    @Test
    void badMethodIsAClearErrorBeforeAnyWork() {
        Run r = run("eval", "--dataset", "world", "--root", world.toString(), "--model", model.toString(),
                "--method", "no-such-method", "--out", tmp.resolve("bad").toString(), "--cache", tmp.resolve("bad-cache").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("unknown method 'no-such-method'", "image-only", "sum", "text-only");
        assertThat(tmp.resolve("bad-cache")).doesNotExist();
    }

    @Test
    void badInputsNameWhatIsWrong() {
        Run noWorld = run("eval", "--dataset", "world", "--root", tmp.toString(), "--model", model.toString(), "--method", "sum",
                "--out", tmp.resolve("x").toString());
        assertThat(noWorld.code()).isEqualTo(2);
        assertThat(noWorld.err()).contains("world.json");
        Run badOption = run("eval", "--dataset", "world", "--root", world.toString(), "--model", model.toString(), "--method", "sum",
                "--option", "text-only:fiq-captions=both-orders", "--out", tmp.resolve("y").toString());
        assertThat(badOption.err()).contains("not among --method");
        Run noModel = run("eval", "--dataset", "cirr", "--root", world.toString(), "--method", "sum");
        assertThat(noModel.code()).isEqualTo(2);
        assertThat(noModel.err()).contains("--model");
    }

    @Test
    void methodsListsTheRegistryAndEvalStillListsSubcommands() {
        Run r = run("methods");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("image-only", "text-only", "sum", "normalise");
        Run usage = run("eval");
        assertThat(usage.code()).isZero();
        assertThat(usage.out()).contains("--dataset", "--method");
    }
}
