package org.cir4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reader for the CIRR layout (rc2):
 * {@code captions/cap.rc2.<split>.json} (list of {@code pairid, reference, target_hard?, target_soft?,
 * caption, img_set.members}) and {@code image_splits/split.rc2.<split>.json} ({@code name -> "./dev/x.png"},
 * relative to the root). Both folders may sit directly under the root or under {@code root/cirr}, as in
 * the official download; image paths are always relative to the root.
 *
 * <p>Gallery = every image of the split file, in file order. Each query's ground truth is its
 * {@code target_hard}; {@code img_set.members} (which includes the reference) become
 * {@link CirQuery#subsetMembers()}. Test1 has no targets.
 */
public final class CirrDataset {
    /** Splits of the rc2 release. */
    public static final List<String> SPLITS = List.of("train", "val", "test1");

    private CirrDataset() {}

    /** Loads with {@link MissingImagePolicy#FAIL}. */
    public static CirDataset load(Path root, String split) {
        return load(root, split, MissingImagePolicy.FAIL);
    }

    /**
     * @param split {@code train}, {@code val} or {@code test1} ({@code test} is accepted for {@code test1}, as the
     *              reference code does)
     */
    public static CirDataset load(Path root, String split, MissingImagePolicy policy) {
        String s = "test".equals(split) ? "test1" : split;
        if (!SPLITS.contains(s)) {
            throw new IllegalArgumentException("unknown CIRR split '" + split + "', expected one of " + SPLITS);
        }
        Path captionsFile = locate(root, "captions", "cap.rc2." + s + ".json");
        Path splitFile = locate(root, "image_splits", "split.rc2." + s + ".json");

        List<GalleryImage> gallery = readGallery(root, new JsonFields(splitFile));
        Set<String> names = new LinkedHashSet<>();
        gallery.forEach(g -> names.add(g.name()));
        List<CirQuery> queries = readQueries(new JsonFields(captionsFile), names, splitFile.getFileName().toString());
        return DatasetAssembler.assemble(DatasetKind.CIRR, s, null, root, queries, gallery, policy);
    }

    /** {@code root/<folder>/<file>} or, as in the official download, {@code root/cirr/<folder>/<file>}. */
    static Path locate(Path root, String folder, String file) {
        Path direct = root.resolve(folder).resolve(file);
        Path nested = root.resolve("cirr").resolve(folder).resolve(file);
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        if (Files.isRegularFile(nested)) {
            return nested;
        }
        throw new DatasetException("CIRR file not found: tried " + direct + " and " + nested);
    }

    private static List<GalleryImage> readGallery(Path root, JsonFields json) {
        JsonNode top = json.readObject();
        List<GalleryImage> gallery = new ArrayList<>(top.size());
        Path normRoot = root.toAbsolutePath().normalize();
        int i = -1;
        for (Map.Entry<String, JsonNode> e : top.properties()) {
            i++;
            if (!e.getValue().isTextual()) {
                throw json.error(i, e.getKey(), "expected a relative image path string, found " + JsonFields.kind(e.getValue()));
            }
            Path p = normRoot.resolve(e.getValue().asText()).normalize();
            if (!p.startsWith(normRoot)) {
                throw json.error(i, e.getKey(), "image path '" + e.getValue().asText() + "' leaves the dataset root " + normRoot);
            }
            gallery.add(new GalleryImage(e.getKey(), p));
        }
        return gallery;
    }

    private static List<CirQuery> readQueries(JsonFields json, Set<String> gallery, String splitFileName) {
        JsonNode top = json.readArray();
        List<CirQuery> queries = new ArrayList<>(top.size());
        Map<Long, Integer> seenPairIds = new HashMap<>();
        String where = "the split file " + splitFileName;
        for (int i = 0; i < top.size(); i++) {
            JsonNode e = json.entry(top, i);
            long pairId = json.integer(e, i, "pairid");
            Integer prev = seenPairIds.put(pairId, i);
            if (prev != null) {
                throw json.error(i, "pairid", "pairid " + pairId + " already used by entry " + prev);
            }
            String reference = json.text(e, i, "reference");
            String caption = json.text(e, i, "caption");
            String target = json.optionalText(e, i, "target_hard");
            JsonNode imgSet = json.object(e, i, "img_set");
            List<String> members = json.nestedTextList(imgSet, i, "members", "img_set.members");

            DatasetAssembler.requireInGallery(json, gallery, i, "reference", reference, where);
            if (target != null) {
                DatasetAssembler.requireInGallery(json, gallery, i, "target_hard", target, where);
            }
            for (int m = 0; m < members.size(); m++) {
                DatasetAssembler.requireInGallery(json, gallery, i, "img_set.members[" + m + "]", members.get(m), where);
            }
            if (new LinkedHashSet<>(members).size() != members.size()) {
                throw json.error(i, "img_set.members", "duplicate names in " + members);
            }
            queries.add(new CirQuery(Long.toString(pairId), reference, List.of(caption), target,
                    target == null ? List.of() : List.of(target), members, null, List.of()));
        }
        return queries;
    }
}
