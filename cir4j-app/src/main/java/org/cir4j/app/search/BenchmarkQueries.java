package org.cir4j.app.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cir4j.util.AtomicFiles;
import org.cir4j.world.io.JsonLines;

/**
 * {@code queries.jsonl} beside an index: the benchmark queries whose gallery the index holds, one JSON object
 * per line ({@code reference}, {@code caption}, {@code targets}: image ids of the index). With it the web page
 * offers example queries and marks the ground truth in results.
 */
public final class BenchmarkQueries {

    public static final String FILE = "queries.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One benchmark query. */
    public record Query(@JsonProperty("reference") String reference, @JsonProperty("caption") String caption,
                        @JsonProperty("targets") List<String> targets, @JsonProperty("group") String group) {}

    private final List<Query> queries;
    private final Map<String, Query> byKey = new HashMap<>();

    private BenchmarkQueries(List<Query> queries) {
        this.queries = List.copyOf(queries);
        for (Query q : queries) {
            byKey.put(key(q.reference(), q.caption()), q);
        }
    }

    public static BenchmarkQueries empty() {
        return new BenchmarkQueries(List.of());
    }

    /** Reads {@code indexDir/queries.jsonl}, or an empty set when there is none. */
    public static BenchmarkQueries read(Path indexDir) throws IOException {
        Path f = indexDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return empty();
        }
        List<Query> out = new ArrayList<>();
        JsonLines.read(f, JSON, Query.class, (q, n) -> {
            if (q.reference() == null || q.caption() == null || q.targets() == null) {
                throw new IOException(f + " line " + n + ": needs \"reference\", \"caption\" and \"targets\"");
            }
            out.add(q);
        });
        return new BenchmarkQueries(out);
    }

    public static void write(Path indexDir, List<Query> queries) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Query q : queries) {
            b.append(JSON.writeValueAsString(q)).append('\n');
        }
        AtomicFiles.writeString(indexDir.resolve(FILE), b.toString());
    }

    public List<Query> all() {
        return queries;
    }

    /** The benchmark query with this reference and caption (exact text), or {@code null}. */
    public Query find(String reference, String caption) {
        return reference == null || caption == null ? null : byKey.get(key(reference, caption.strip()));
    }

    private static String key(String ref, String caption) {
        return ref + "\u0000" + caption.strip();
    }
}
