package org.cir4j.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cir4j.data.CirDataset;
import org.cir4j.data.CirQuery;
import org.cir4j.data.DatasetKind;

/**
 * Checks a submission file offline against the split it is for, before it is uploaded: every query
 * present and nothing else, list lengths, names in the gallery, no duplicates, no reference image (CIRR),
 * subset answers within the query's {@code img_set} (CIRR). Collects every problem with a specific message
 * instead of stopping at the first.
 */
public final class SubmissionValidator {
    /** Problems kept verbatim; the rest are counted. */
    public static final int MAX_PROBLEMS = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SubmissionValidator() {}

    /** The outcome: {@link #valid()} when {@link #problems()} is empty. */
    public record Result(Path file, List<String> problems, int totalProblems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean valid() {
            return totalProblems == 0;
        }

        public String summary() {
            if (valid()) {
                return file + ": valid";
            }
            StringBuilder sb = new StringBuilder().append(file).append(": ").append(totalProblems).append(" problem(s)");
            problems.forEach(p -> sb.append("\n  - ").append(p));
            if (totalProblems > problems.size()) {
                sb.append("\n  ... and ").append(totalProblems - problems.size()).append(" more");
            }
            return sb.toString();
        }

        /** Throws {@link IllegalStateException} with {@link #summary()} unless valid. */
        public Result requireValid() {
            if (!valid()) {
                throw new IllegalStateException(summary());
            }
            return this;
        }
    }

    private static final class Problems {
        final List<String> kept = new ArrayList<>();
        int total;

        void add(String p) {
            if (kept.size() < MAX_PROBLEMS) {
                kept.add(p);
            }
            total++;
        }
    }

    /** A CIRR {@code recall} or {@code recall_subset} file (the {@code metric} field says which). */
    public static Result validateCirr(Path file, CirDataset split) {
        requireKind(split, DatasetKind.CIRR);
        Problems p = new Problems();
        JsonNode root = read(file, p);
        if (root == null) {
            return new Result(file, p.kept, p.total);
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isTextual() || !version.asText().equals(SubmissionWriter.CIRR_VERSION)) {
            p.add("\"version\" must be \"" + SubmissionWriter.CIRR_VERSION + "\", found " + version);
        }
        JsonNode metric = root.get("metric");
        boolean subset;
        if (metric != null && metric.isTextual() && metric.asText().equals("recall")) {
            subset = false;
        } else if (metric != null && metric.isTextual() && metric.asText().equals("recall_subset")) {
            subset = true;
        } else {
            p.add("\"metric\" must be \"recall\" or \"recall_subset\", found " + metric);
            return new Result(file, p.kept, p.total);
        }
        Set<String> gallery = new HashSet<>(split.galleryNames());
        Set<String> expected = new LinkedHashSet<>();
        for (CirQuery q : split.queries()) {
            expected.add(q.id());
            JsonNode list = root.get(q.id());
            String where = "pairid " + q.id() + (subset ? " (recall_subset)" : "");
            if (list == null) {
                p.add(where + ": missing");
                continue;
            }
            Set<String> others = new HashSet<>(q.subsetMembers());
            others.remove(q.referenceName());
            int length = subset ? Math.min(SubmissionWriter.SUBSET_DEPTH, others.size())
                    : Math.min(SubmissionWriter.RECALL_DEPTH, split.gallery().size() - 1);
            List<String> names = stringList(where, list, length, p);
            Set<String> seen = new HashSet<>();
            for (String n : names) {
                if (!seen.add(n)) {
                    p.add(where + ": '" + n + "' listed twice");
                }
                if (n.equals(q.referenceName())) {
                    p.add(where + ": includes its reference image '" + n + "'");
                } else if (!gallery.contains(n)) {
                    p.add(where + ": '" + n + "' is not in the " + split.name() + " gallery");
                } else if (subset && !others.contains(n)) {
                    p.add(where + ": '" + n + "' is not in its img_set " + q.subsetMembers());
                }
            }
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("version") && !key.equals("metric") && !expected.contains(key)) {
                p.add("unknown pairid '" + key + "' (not in " + split.name() + ")");
            }
        }
        return new Result(file, p.kept, p.total);
    }

    /** A CIRCO file: {@code {"<query id>": [top-50 integer image ids]}}. */
    public static Result validateCirco(Path file, CirDataset split) {
        requireKind(split, DatasetKind.CIRCO);
        Problems p = new Problems();
        JsonNode root = read(file, p);
        if (root == null) {
            return new Result(file, p.kept, p.total);
        }
        Set<String> gallery = new HashSet<>(split.galleryNames());
        Set<String> expected = new HashSet<>();
        int length = Math.min(SubmissionWriter.RECALL_DEPTH, split.gallery().size());
        for (CirQuery q : split.queries()) {
            expected.add(q.id());
            String where = "query " + q.id();
            JsonNode list = root.get(q.id());
            if (list == null) {
                p.add(where + ": missing");
                continue;
            }
            if (!list.isArray()) {
                p.add(where + ": expected a list of image ids, found " + list.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
                continue;
            }
            if (list.size() != length) {
                p.add(where + ": list has " + list.size() + " ids, expected " + length);
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode e = list.get(i);
                if (!e.isIntegralNumber()) {
                    p.add(where + ": entry " + i + " must be an integer image id, found " + e);
                    continue;
                }
                String id = Long.toString(e.asLong());
                if (!seen.add(id)) {
                    p.add(where + ": id " + id + " listed twice");
                }
                if (!gallery.contains(id)) {
                    p.add(where + ": id " + id + " is not in the " + split.name() + " gallery");
                }
            }
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!expected.contains(key)) {
                p.add("unknown query id '" + key + "' (not in " + split.name() + ")");
            }
        }
        return new Result(file, p.kept, p.total);
    }

    private static List<String> stringList(String where, JsonNode list, int length, Problems p) {
        List<String> out = new ArrayList<>();
        if (!list.isArray()) {
            p.add(where + ": expected a list of image names, found " + list.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            return out;
        }
        if (list.size() != length) {
            p.add(where + ": list has " + list.size() + " names, expected " + length);
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            if (!e.isTextual()) {
                p.add(where + ": entry " + i + " must be an image name string, found " + e);
            } else {
                out.add(e.asText());
            }
        }
        return out;
    }

    private static JsonNode read(Path file, Problems p) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            p.add("not valid JSON: " + e.getOriginalMessage());
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read submission " + file, e);
        }
        if (root == null || !root.isObject()) {
            p.add("top level must be a JSON object, found " + (root == null ? "nothing" : root.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
            return null;
        }
        return root;
    }

    private static void requireKind(CirDataset split, DatasetKind kind) {
        if (split.kind() != kind) {
            throw new IllegalArgumentException("expected a " + kind.id() + " split, got " + split.name());
        }
    }
}
