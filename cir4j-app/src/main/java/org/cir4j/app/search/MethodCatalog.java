package org.cir4j.app.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.cir4j.methods.ComposerContext;
import org.cir4j.methods.ComposerFactory;
import org.cir4j.methods.ComposerRegistry;
import org.cir4j.methods.QueryComposer;

/**
 * The methods a search can use: every registered composer that needs no trained weights, plus one entry per
 * trained method checkpoint found under the methods folders ({@code <dir>/<name>/config.json} naming its
 * {@code "method"}), so trained methods appear as they are shipped.
 */
public final class MethodCatalog {

    private static final Logger LOG = Logger.getLogger(MethodCatalog.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One usable method: a display name, its factory and (for trained methods) its checkpoint. */
    public record Method(String name, ComposerFactory factory, Path checkpoint, String description) {}

    private final Map<String, Method> methods;
    private final List<String> skipped;

    private MethodCatalog(Map<String, Method> methods, List<String> skipped) {
        this.methods = Collections.unmodifiableMap(methods);
        this.skipped = List.copyOf(skipped);
    }

    /** Registered checkpoint-free methods + trained checkpoints under {@code methodDirs} (absent folders are fine). */
    public static MethodCatalog discover(ComposerRegistry registry, List<Path> methodDirs) throws IOException {
        Map<String, Method> out = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        for (ComposerFactory f : registry.all()) {
            if (!f.needsCheckpoint()) {
                out.put(f.name(), new Method(f.name(), f, null, f.description()));
            }
        }
        for (Path root : methodDirs) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> dirs;
            try (Stream<Path> s = Files.list(root)) {
                dirs = s.filter(Files::isDirectory).sorted().toList();
            }
            for (Path d : dirs) {
                Path cfg = d.resolve("config.json");
                if (!Files.isRegularFile(cfg)) {
                    continue;
                }
                JsonNode node;
                try {
                    node = JSON.readTree(cfg.toFile());
                } catch (IOException e) {
                    throw new IOException(cfg + ": unreadable method config: " + e.getMessage(), e);
                }
                JsonNode m = node.get("method");
                if (m == null || !m.isTextual()) {
                    throw new IOException(cfg + ": no \"method\" field naming the query composer that reads this checkpoint");
                }
                String name = d.getFileName().toString();
                ComposerFactory f;
                try {
                    f = registry.get(m.textValue());
                } catch (IllegalArgumentException e) {
                    String why = d + ": method '" + m.textValue() + "' is not in this build (" + e.getMessage() + ")";
                    LOG.warning(why);
                    skipped.add(why);
                    continue;
                }
                if (out.containsKey(name)) {
                    name = name + "@" + d.getParent().getFileName();
                }
                out.put(name, new Method(name, f, d, f.description() + " (" + d + ")"));
            }
        }
        return new MethodCatalog(out, skipped);
    }

    public Map<String, Method> methods() {
        return methods;
    }

    /** Checkpoints that could not be offered, with the reason. */
    public List<String> skipped() {
        return skipped;
    }

    public Method get(String name) {
        Method m = methods.get(name);
        if (m == null) {
            throw new IllegalArgumentException("unknown method '" + name + "'; available: " + methods.keySet());
        }
        return m;
    }

    /** The default: "sum" (the image+text baseline) when present, else the first method. */
    public String defaultMethod() {
        if (methods.isEmpty()) {
            throw new IllegalStateException("no query composers are available: none is registered on the class path and no "
                    + "trained method checkpoint was found");
        }
        return methods.containsKey("sum") ? "sum" : methods.keySet().iterator().next();
    }

    public QueryComposer create(String name, ModelBundle bundle) {
        Method m = get(name);
        return m.factory().create(new ComposerContext(bundle.model(), bundle.tokenizer(), bundle.preprocessor(),
                m.checkpoint(), Map.of()));
    }
}
