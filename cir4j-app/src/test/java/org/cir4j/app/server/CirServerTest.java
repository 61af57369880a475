package org.cir4j.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cir4j.app.search.BenchmarkQueries;
import org.cir4j.app.search.MethodCatalog;
import org.cir4j.app.search.ModelBundle;
import org.cir4j.app.search.QueryService;
import org.cir4j.app.testing.TinyModel;
import org.cir4j.image.ImageDecoder;
import org.cir4j.index.gallery.GalleryIndex;
import org.cir4j.index.gallery.GalleryIndexWriter;
import org.cir4j.index.gallery.IndexOptions;
import org.cir4j.methods.ComposerRegistry;
import org.cir4j.world.ProgressListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CirServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path tmp;
    static ModelBundle bundle;
    static GalleryIndex index;
    static QueryService service;
    static CirServer server;
    static HttpClient http;
    static String base;
    static Path images;

    @BeforeAll
    static void start() throws IOException {
        Path model = TinyModel.write(tmp.resolve("model"), 1);
        images = tmp.resolve("images");
        TinyModel.writeImages(images, 16, 5);
        bundle = ModelBundle.load(model, ModelBundle.Preprocess.clip, new ImageDecoder());
        Path idx = tmp.resolve("index");
        GalleryIndexWriter.sync(idx, images, bundle.encoder(), IndexOptions.DEFAULT, model.toString(), ProgressListener.NONE);
        BenchmarkQueries.write(idx, List.of(new BenchmarkQueries.Query("a/img-000.png", "is red and larger",
                List.of("b/img-001.png", "a/img-002.png"), "a")));
        index = GalleryIndex.open(idx);
        Path methods = tmp.resolve("methods");
        Files.createDirectories(methods.resolve("broken"));
        Files.writeString(methods.resolve("broken/config.json"), "{\"method\": \"test-broken\"}");
        Files.createDirectories(methods.resolve("future"));
        Files.writeString(methods.resolve("future/config.json"), "{\"method\": \"not-in-this-build\"}");
        MethodCatalog catalog = MethodCatalog.discover(ComposerRegistry.load(), List.of(methods));
        assertThat(catalog.skipped()).singleElement().asString().contains("not-in-this-build");
        service = new QueryService(index, bundle, catalog, BenchmarkQueries.read(idx));
        // The mis-fitting checkpoint is reported; so are registered methods that cannot run without options
        // (e.g. searle-oti needs a token bank), but never the baselines.
        Map<String, String> failed = service.warmUp();
        assertThat(failed).containsKey("broken");
        assertThat(failed).doesNotContainKeys("sum", "image-only", "text-only");
        server = CirServer.start(service, new ServerOptions("127.0.0.1", 0, 4000, 2000, 10_000, 2));
        base = "http://127.0.0.1:" + server.port();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        service.close();
        index.close();
        bundle.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postJson(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/search")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postMultipart(byte[] image, String... fields) throws Exception {
        String boundary = "cir4jtestboundary";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < fields.length; i += 2) {
            b.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n" + fields[i + 1] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        if (image != null) {
            b.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"ref.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            b.write(image);
            b.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        b.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/search"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(b.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return JSON.readTree(r.body());
    }

    @Test
    void healthStatsMethodsGalleryImageAndOpenApi() throws Exception {
        assertThat(json(get("/api/health")).get("status").asText()).isEqualTo("ok");
        JsonNode stats = json(get("/api/stats"));
        assertThat(stats.get("images").asInt()).isEqualTo(16);
        assertThat(stats.get("folders").get("a").asInt()).isEqualTo(8);
        assertThat(stats.get("benchmark_queries").asInt()).isEqualTo(1);
        JsonNode methods = json(get("/api/methods"));
        assertThat(methods.get("methods").findValuesAsText("name")).contains("test-sum").doesNotContain("broken", "future");
        HttpResponse<String> broken = postJson("{\"gallery_id\":\"a/img-000.png\",\"text\":\"x\",\"method\":\"broken\"}");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(json(broken).get("error").asText()).contains("could not be loaded").contains("another base model");
        JsonNode gallery = json(get("/api/gallery?folder=b&limit=3"));
        assertThat(gallery.get("total").asInt()).isEqualTo(8);
        assertThat(gallery.get("images")).hasSize(3);
        HttpResponse<byte[]> img = http.send(HttpRequest.newBuilder(URI.create(base + "/api/image/a/img-000.png")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(img.statusCode()).isEqualTo(200);
        assertThat(img.body()).isEqualTo(Files.readAllBytes(images.resolve("a/img-000.png")));
        assertThat(get("/api/image/a/../../secret").statusCode()).isEqualTo(404);
        JsonNode api = json(get("/openapi.json"));
        assertThat(api.get("paths").has("/api/search")).isTrue();
        assertThat(get("/").body()).contains("<title>cir4j");
        assertThat(get("/app.js").statusCode()).isEqualTo(200);
    }

    @Test
    void searchByGalleryIdMarksGroundTruthAndByUploadWorks() throws Exception {
        JsonNode r = json(postJson("{\"gallery_id\":\"a/img-000.png\",\"text\":\"is red and larger\",\"method\":\"test-sum\",\"k\":15}"));
        assertThat(r.get("results")).hasSize(15);
        assertThat(r.get("results").findValuesAsText("id")).doesNotContain("a/img-000.png")
                .contains("b/img-001.png", "a/img-002.png");
        for (JsonNode h : r.get("results")) {
            boolean truth = h.get("id").asText().equals("b/img-001.png") || h.get("id").asText().equals("a/img-002.png");
            assertThat(h.get("target").asBoolean()).as(h.toString()).isEqualTo(truth);
        }
        assertThat(r.get("ground_truth")).hasSize(2);

        HttpResponse<String> upResponse = postMultipart(Files.readAllBytes(images.resolve("b/img-003.png")), "text",
                "has two squares", "k", "4", "folder", "a", "mode", "hnsw");
        assertThat(upResponse.statusCode()).as(upResponse.body()).isEqualTo(200);
        JsonNode up = json(upResponse);
        assertThat(up.get("results")).hasSize(4);
        assertThat(up.get("results").findValuesAsText("id")).allMatch(id -> id.startsWith("a/"));
        assertThat(up.get("ground_truth").isNull()).isTrue();
    }

    @Test
    void badRequestsGetSpecific4xxJson() throws Exception {
        HttpResponse<String> r = postJson("{\"gallery_id\":\"a/img-000.png\",\"text\":\"x\",\"method\":\"nope\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).contains("unknown method 'nope'");
        r = postJson("{\"gallery_id\":\"a/img-000.png\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).contains("'text'");
        r = postJson("{\"gallery_id\":\"missing.png\",\"text\":\"x\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).contains("no gallery image with id 'missing.png'");
        r = postJson("{\"gallery_id\":\"a/img-000.png\",\"text\":\"x\",\"k\":0}");
        assertThat(json(r).get("error").asText()).contains("'k' must be 1..200");
        r = postJson("not json");
        assertThat(r.statusCode()).isEqualTo(400);
        r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/search")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(415);
        r = get("/api/nothing");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(json(r).get("error").asText()).contains("no such endpoint");
        // 60x60 = 3600 pixels > the 2000-pixel limit: refused from the header, before decoding.
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(60, 60, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png);
        r = postMultipart(png.toByteArray(), "text", "x");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(json(r).get("error").asText()).contains("pixels");
        r = postMultipart(new byte[5000], "text", "x");
        assertThat(r.statusCode()).isEqualTo(413);
        r = postMultipart("not an image".getBytes(StandardCharsets.UTF_8), "text", "x");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).get("error").asText()).contains("not a supported image");
    }

    @Test
    void aSearchOverTheTimeoutGets503AndTheServerKeepsAnswering() throws Exception {
        try (CirServer quick = CirServer.start(service, new ServerOptions("127.0.0.1", 0, 4000, 2000, 400, 2))) {
            String url = "http://127.0.0.1:" + quick.port() + "/api/search";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"gallery_id\":\"a/img-000.png\",\"text\":\"SLOW\",\"method\":\"test-slow\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(json(r).get("error").asText()).contains("longer than 400 ms");
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"gallery_id\":\"a/img-000.png\",\"text\":\"fast\",\"method\":\"test-slow\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        }
    }

    @Test
    void parallelRequestsGetTheSameAnswersAsSequentialOnes() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            bodies.add("{\"gallery_id\":\"" + (i % 2 == 0 ? "a" : "b") + "/img-00" + i + ".png\",\"text\":\""
                    + TinyModel.CORPUS.get(i % TinyModel.CORPUS.size()) + "\",\"k\":5,\"mode\":\"" + (i % 3 == 0 ? "hnsw" : "exact") + "\"}");
        }
        List<List<String>> sequential = new ArrayList<>();
        for (String b : bodies) {
            sequential.add(json(postJson(b)).get("results").findValuesAsText("id"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> fs = new ArrayList<>();
            for (int rep = 0; rep < 3; rep++) {
                for (String b : bodies) {
                    fs.add(pool.submit(() -> json(postJson(b)).get("results").findValuesAsText("id")));
                }
            }
            for (int i = 0; i < fs.size(); i++) {
                assertThat(fs.get(i).get()).isEqualTo(sequential.get(i % bodies.size()));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
