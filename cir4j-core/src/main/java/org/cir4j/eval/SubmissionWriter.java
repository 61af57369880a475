package org.cir4j.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.cir4j.data.CirQuery;
import org.cir4j.data.DatasetKind;

/**
 * Test-server submission files in the formats of the reference {@code generate_test_submission.py}:
 * <ul>
 *   <li>CIRR: {@code {"version": "rc2", "metric": "recall", "<pairid>": [top-50 names]}} and a second file with
 *       {@code "metric": "recall_subset"} and the top-3 {@code img_set} members, both without the reference;</li>
 *   <li>CIRCO: {@code {"<query id>": [top-50 COCO image ids as integers]}}.</li>
 * </ul>
 * Files are written atomically (temp file + move). Check them with {@link SubmissionValidator}.
 */
public final class SubmissionWriter {
    public static final int RECALL_DEPTH = 50;
    public static final int SUBSET_DEPTH = 3;
    public static final String CIRR_VERSION = "rc2";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SubmissionWriter() {}

    /** Both CIRR files from retrievals that removed each reference from its ranking. */
    public static void writeCirr(Retrievals r, Path recallFile, Path subsetFile) {
        if (r.dataset().kind() != DatasetKind.CIRR) {
            throw new IllegalArgumentException("CIRR submission from " + r.dataset().name());
        }
        if (!r.referenceExcluded()) {
            throw new IllegalArgumentException(r.dataset().name() + ": the CIRR server expects rankings without the reference image; "
                    + "retrieve with ReferenceExclusion.DATASET_DEFAULT");
        }
        int gallery = r.dataset().gallery().size();
        ObjectNode recall = JSON.createObjectNode().put("version", CIRR_VERSION).put("metric", "recall");
        ObjectNode subset = JSON.createObjectNode().put("version", CIRR_VERSION).put("metric", "recall_subset");
        List<CirQuery> queries = r.queries();
        for (int q = 0; q < queries.size(); q++) {
            CirQuery query = queries.get(q);
            recall.set(query.id(), names(query.id(), r.rankings().get(q), Math.min(RECALL_DEPTH, gallery - 1)));
            int others = (int) query.subsetMembers().stream().filter(m -> !m.equals(query.referenceName())).count();
            subset.set(query.id(), names(query.id(), r.subsetRankings().get(q), Math.min(SUBSET_DEPTH, others)));
        }
        write(recallFile, recall);
        write(subsetFile, subset);
    }

    /** The CIRCO file; gallery names must be integer COCO ids. */
    public static void writeCirco(Retrievals r, Path file) {
        if (r.dataset().kind() != DatasetKind.CIRCO) {
            throw new IllegalArgumentException("CIRCO submission from " + r.dataset().name());
        }
        int depth = Math.min(RECALL_DEPTH, r.dataset().gallery().size());
        ObjectNode root = JSON.createObjectNode();
        List<CirQuery> queries = r.queries();
        for (int q = 0; q < queries.size(); q++) {
            List<String> ranking = r.rankings().get(q);
            if (ranking.size() < depth) {
                throw new IllegalArgumentException("query " + queries.get(q).id() + ": ranking has " + ranking.size() + " entries, need " + depth);
            }
            ArrayNode ids = root.putArray(queries.get(q).id());
            for (String name : ranking.subList(0, depth)) {
                try {
                    ids.add(Long.parseLong(name));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("query " + queries.get(q).id() + ": gallery name '" + name + "' is not a COCO image id", e);
                }
            }
        }
        write(file, root);
    }

    private static ArrayNode names(String id, List<String> ranking, int depth) {
        if (ranking.size() < depth) {
            throw new IllegalArgumentException("pairid " + id + ": ranking has " + ranking.size() + " entries, need " + depth);
        }
        ArrayNode a = JSON.createArrayNode();
        ranking.subList(0, depth).forEach(a::add);
        return a;
    }

    private static void write(Path file, ObjectNode node) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            try {
                JSON.writeValue(tmp.toFile(), node);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write submission " + file, e);
        }
    }
}
