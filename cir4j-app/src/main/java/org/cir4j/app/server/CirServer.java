package org.cir4j.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cir4j.app.search.BenchmarkQueries;
import org.cir4j.app.search.MethodCatalog;
import org.cir4j.app.search.QueryService;
import org.cir4j.image.DecodedImage;
import org.cir4j.image.ImageDecodeException;
import org.cir4j.image.ImageDecoder;
import org.cir4j.index.gallery.GalleryIndex;
import org.cir4j.index.gallery.SearchMode;

/**
 * The HTTP JSON API and the web page over one {@link QueryService} (see {@code /openapi.json}).
 *
 * <p>Concurrency: Jetty's threads parse requests; searches run on a fixed pool of {@link ServerOptions#workers()}
 * threads and each is awaited at most {@link ServerOptions#timeoutMillis()} (503 after). The service is
 * thread-safe (one model; one composer per method used by one request at a time).
 */
public final class CirServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CirServer.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Request attribute: a handler already wrote a JSON error (the 404 fallback must not replace it). */
    private static final String ERROR_SET = "cir4j.error";

    private final QueryService service;
    private final ServerOptions options;
    private final ImageDecoder decoder;
    private final ExecutorService workers;
    private final AtomicInteger threadNo = new AtomicInteger();
    private final Javalin app;

    private CirServer(QueryService service, ServerOptions options) {
        this.service = service;
        this.options = options;
        this.decoder = new ImageDecoder().withMaxPixels(options.maxPixels());
        this.workers = Executors.newFixedThreadPool(options.workers(), r -> {
            Thread t = new Thread(r, "cir4j-search-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.app = Javalin.create(cfg -> {
            cfg.jetty.host = options.host();
            cfg.jetty.port = options.port();
            cfg.http.maxRequestSize = options.maxUploadBytes() + (64 << 10);
            cfg.jetty.multipartConfig.maxFileSize(options.maxUploadBytes(), SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(options.maxUploadBytes() + (64 << 10), SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            cfg.staticFiles.add(s -> {
                s.hostedPath = "/";
                s.directory = "/web";
                s.location = Location.CLASSPATH;
            });
            cfg.routes.get("/api/health", ctx -> json(ctx, 200, JSON.createObjectNode().put("status", "ok")));
            cfg.routes.get("/api/stats", this::stats);
            cfg.routes.get("/api/methods", this::methods);
            cfg.routes.get("/api/gallery", this::gallery);
            cfg.routes.get("/api/queries", this::queries);
            cfg.routes.get("/api/image/<id>", this::image);
            cfg.routes.post("/api/search", this::search);
            cfg.routes.get("/openapi.json", ctx -> {
                try (InputStream in = CirServer.class.getResourceAsStream("/web/openapi.json")) {
                    ctx.contentType("application/json").result(in.readAllBytes());
                }
            });
            cfg.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
            cfg.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
            cfg.routes.exception(ImageDecodeException.class, (e, ctx) ->
                    error(ctx, e.reason() == ImageDecodeException.Reason.TOO_LARGE ? 413 : 400, e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.log(Level.SEVERE, "request " + ctx.method() + " " + ctx.path() + " failed", e);
                error(ctx, 500, "internal error: " + e);
            });
            cfg.routes.error(404, ctx -> {
                if (ctx.path().startsWith("/api/") && ctx.attribute(ERROR_SET) == null) {
                    error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path() + " (see /openapi.json)");
                }
            });
        });
    }

    /** Starts serving; {@link #port()} tells the port when 0 was asked. */
    public static CirServer start(QueryService service, ServerOptions options) {
        CirServer s = new CirServer(service, options);
        s.app.start();
        return s;
    }

    public int port() {
        return app.port();
    }

    public String url() {
        String host = options.host().equals("0.0.0.0") ? "localhost" : options.host();
        return "http://" + host + ":" + port() + "/";
    }

    private void stats(Context ctx) {
        GalleryIndex gi = service.index();
        ObjectNode o = JSON.createObjectNode();
        o.put("images", gi.size());
        o.put("dim", gi.manifest().dim());
        o.put("model_id", gi.manifest().modelId());
        o.put("model_path", gi.manifest().modelPath());
        o.put("preprocessing", gi.manifest().preprocessing());
        o.put("quantization", gi.manifest().quantization().name().toLowerCase());
        ObjectNode folders = o.putObject("folders");
        gi.folderCounts().forEach(folders::put);
        o.put("benchmark_queries", service.benchmark().all().size());
        o.put("max_upload_bytes", options.maxUploadBytes());
        o.put("max_pixels", options.maxPixels());
        o.put("timeout_ms", options.timeoutMillis());
        json(ctx, 200, o);
    }

    private void methods(Context ctx) {
        ObjectNode o = JSON.createObjectNode();
        List<MethodCatalog.Method> available = service.availableMethods();
        o.put("default", available.isEmpty() ? null : service.defaultMethod());
        ArrayNode arr = o.putArray("methods");
        for (MethodCatalog.Method m : available) {
            arr.addObject().put("name", m.name()).put("description", m.factory().description())
                    .put("trained", m.checkpoint() != null);
        }
        json(ctx, 200, o);
    }

    private void gallery(Context ctx) {
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(ctx, "limit", 60, 1, 1000);
        String folder = ctx.queryParam("folder");
        String prefix = folder == null || folder.isBlank() ? "" : folder.replaceAll("/+$", "") + "/";
        List<String> ids = service.index().ids().stream().filter(id -> id.startsWith(prefix)).toList();
        ObjectNode o = JSON.createObjectNode();
        o.put("total", ids.size());
        ArrayNode arr = o.putArray("images");
        for (int i = offset; i < Math.min(ids.size(), offset + limit); i++) {
            arr.addObject().put("id", ids.get(i)).put("url", imageUrl(ids.get(i)));
        }
        json(ctx, 200, o);
    }

    private void queries(Context ctx) {
        int limit = intParam(ctx, "limit", 20, 1, 1000);
        List<BenchmarkQueries.Query> all = service.benchmark().all();
        ObjectNode o = JSON.createObjectNode();
        o.put("total", all.size());
        ArrayNode arr = o.putArray("queries");
        // Spread the sample over the file so every group (domain) shows up.
        int step = Math.max(1, all.size() / limit);
        for (int i = 0; i < all.size() && arr.size() < limit; i += step) {
            BenchmarkQueries.Query q = all.get(i);
            ObjectNode n = arr.addObject().put("reference", q.reference()).put("caption", q.caption())
                    .put("group", q.group()).put("reference_url", imageUrl(q.reference()));
            q.targets().forEach(n.putArray("targets")::add);
        }
        json(ctx, 200, o);
    }

    private void image(Context ctx) throws IOException {
        String id = ctx.pathParam("id");
        int row = service.index().rowOf(id);
        if (row < 0) {
            throw new ApiException(404, "no gallery image with id '" + id + "'");
        }
        Path f = service.index().file(row);
        if (!Files.isRegularFile(f)) {
            throw new ApiException(404, "gallery image '" + id + "' is indexed but its file is gone: " + f);
        }
        String name = f.getFileName().toString().toLowerCase();
        String type = name.endsWith(".png") ? "image/png" : name.endsWith(".webp") ? "image/webp"
                : name.endsWith(".gif") ? "image/gif" : name.endsWith(".bmp") ? "image/bmp" : "image/jpeg";
        ctx.header("Cache-Control", "max-age=3600");
        ctx.contentType(type).result(Files.readAllBytes(f));
    }

    private void search(Context ctx) throws Exception {
        String contentType = ctx.contentType() == null ? "" : ctx.contentType();
        long length = ctx.req().getContentLengthLong();
        if (length > options.maxUploadBytes() + (64 << 10)) {
            throw new ApiException(413, "request of " + length + " bytes exceeds the upload limit of " + options.maxUploadBytes() + " bytes");
        }
        String galleryId;
        String text;
        String method;
        String kText;
        String modeText;
        String folder;
        String keepRef;
        byte[] upload = null;
        String uploadName = null;
        if (contentType.startsWith("multipart/form-data")) {
            try {
                ctx.uploadedFiles(); // parses the body once; Jetty enforces the multipart size limits here
            } catch (Exception e) { // Kotlin rethrows the checked ServletException undeclared
                throw multipartError(e);
            }
            galleryId = ctx.formParam("gallery_id");
            text = ctx.formParam("text");
            method = ctx.formParam("method");
            kText = ctx.formParam("k");
            modeText = ctx.formParam("mode");
            folder = ctx.formParam("folder");
            keepRef = ctx.formParam("keep_reference");
            UploadedFile f = ctx.uploadedFile("image");
            if (f != null) {
                if (f.size() > options.maxUploadBytes()) {
                    throw new ApiException(413, "upload of " + f.size() + " bytes exceeds the limit of " + options.maxUploadBytes());
                }
                try (InputStream in = f.content()) {
                    upload = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, options.maxUploadBytes() + 1));
                }
                uploadName = f.filename();
            }
        } else if (contentType.startsWith("application/json")) {
            JsonNode body;
            try {
                body = JSON.readTree(ctx.bodyAsBytes());
            } catch (IOException e) {
                throw new ApiException(400, "request body is not valid JSON: " + e.getMessage());
            }
            if (body == null || !body.isObject()) {
                throw new ApiException(400, "request body must be a JSON object");
            }
            galleryId = textField(body, "gallery_id");
            text = textField(body, "text");
            method = textField(body, "method");
            kText = body.has("k") ? body.get("k").asText() : null;
            modeText = textField(body, "mode");
            folder = textField(body, "folder");
            keepRef = body.has("keep_reference") ? body.get("keep_reference").asText() : null;
        } else {
            throw new ApiException(415, "POST /api/search takes multipart/form-data (with an image upload) or application/json, "
                    + "not '" + contentType + "'");
        }
        if (text == null || text.isBlank()) {
            throw new ApiException(400, "field 'text' (the modification) is required");
        }
        if ((galleryId == null || galleryId.isBlank()) == (upload == null)) {
            throw new ApiException(400, "give exactly one reference: 'gallery_id' or an uploaded 'image'");
        }
        int k = parseInt("k", kText, 10, 1, 200);
        SearchMode mode;
        try {
            mode = modeText == null || modeText.isBlank() ? SearchMode.EXACT : SearchMode.valueOf(modeText.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "mode must be 'exact' or 'hnsw', found '" + modeText + "'");
        }
        if (method != null && !method.isBlank() && !service.catalog().methods().containsKey(method)) {
            throw new ApiException(400, "unknown method '" + method + "'; available: " + service.catalog().methods().keySet());
        }
        if (upload != null && upload.length > options.maxUploadBytes()) {
            throw new ApiException(413, "upload exceeds the limit of " + options.maxUploadBytes() + " bytes");
        }
        Path tmp = null;
        try {
            QueryService.Reference ref;
            if (upload != null) {
                DecodedImage img = decoder.decode(upload, uploadName == null ? "upload" : uploadName);
                tmp = Files.createTempFile("cir4j-upload-", suffix(uploadName));
                Files.write(tmp, upload);
                ref = QueryService.Reference.upload(img, tmp);
            } else {
                ref = QueryService.Reference.gallery(galleryId);
            }
            QueryService.Request req = new QueryService.Request(ref, text.strip(), method, k, mode,
                    folder == null || folder.isBlank() ? null : folder, !"true".equalsIgnoreCase(keepRef));
            Future<QueryService.Result> f = workers.submit(() -> service.search(req));
            QueryService.Result r;
            try {
                r = f.get(options.timeoutMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                throw new ApiException(503, "search took longer than " + options.timeoutMillis() + " ms; try again or lower k");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception ex) {
                    throw ex;
                }
                throw e;
            }
            json(ctx, 200, resultJson(r));
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Jetty reports an over-size part as a generic "bad multipart": find the size cause and answer 413. */
    private ApiException multipartError(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("max file size exceeded") || m.contains("max request size exceeded") || m.contains("exceeds")) {
                return new ApiException(413, "upload exceeds the limit of " + options.maxUploadBytes() + " bytes");
            }
        }
        return new ApiException(400, "malformed multipart request: " + e.getMessage());
    }

    private ObjectNode resultJson(QueryService.Result r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("method", r.method());
        o.put("compose_ms", r.composeMillis());
        o.put("search_ms", r.searchMillis());
        ArrayNode arr = o.putArray("results");
        for (QueryService.Hit h : r.hits()) {
            arr.addObject().put("rank", h.rank()).put("id", h.id()).put("score", h.score()).put("target", h.target())
                    .put("url", imageUrl(h.id()));
        }
        if (r.groundTruth() == null) {
            o.putNull("ground_truth");
        } else {
            r.groundTruth().forEach(o.putArray("ground_truth")::add);
        }
        return o;
    }

    private static String suffix(String name) {
        if (name != null) {
            int dot = name.lastIndexOf('.');
            if (dot >= 0 && name.length() - dot <= 6 && name.substring(dot + 1).chars().allMatch(Character::isLetterOrDigit)) {
                return name.substring(dot);
            }
        }
        return ".img";
    }

    static String imageUrl(String id) {
        StringBuilder b = new StringBuilder("/api/image/");
        String[] parts = id.split("/");
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                b.append('/');
            }
            b.append(URLEncoder.encode(parts[i], StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return b.toString();
    }

    private static String textField(JsonNode body, String name) {
        JsonNode n = body.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new ApiException(400, "field '" + name + "' must be a string, found " + n.getNodeType().name().toLowerCase());
        }
        return n.textValue();
    }

    private static int intParam(Context ctx, String name, int dflt, int min, int max) {
        return parseInt(name, ctx.queryParam(name), dflt, min, max);
    }

    private static int parseInt(String name, String value, int dflt, int min, int max) {
        if (value == null || value.isBlank()) {
            return dflt;
        }
        int v;
        try {
            v = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new ApiException(400, "'" + name + "' must be an integer, found '" + value + "'");
        }
        if (v < min || v > max) {
            throw new ApiException(400, "'" + name + "' must be " + min + ".." + max + ", found " + v);
        }
        return v;
    }

    private static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a response", e);
        }
    }

    private static void error(Context ctx, int status, String message) {
        ctx.attribute(ERROR_SET, Boolean.TRUE);
        json(ctx, status, Map.of("status", status, "error", message == null ? "error" : message));
    }

    /** Blocks until the server stops (Ctrl-C). */
    public void awaitShutdown() throws InterruptedException {
        Thread.currentThread().join();
    }

    @Override
    public void close() {
        app.stop();
        workers.shutdownNow();
    }
}
