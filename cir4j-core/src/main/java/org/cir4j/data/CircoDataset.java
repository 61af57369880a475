package org.cir4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reader for the CIRCO layout: {@code annotations/<split>.json} (list of {@code id, reference_img_id,
 * target_img_id?, relative_caption, shared_concept, gt_img_ids?, semantic_aspects?}) against the COCO 2017
 * unlabeled gallery ({@code COCO2017_unlabeled/annotations/image_info_unlabeled2017.json}, images in
 * {@code COCO2017_unlabeled/unlabeled2017/<file_name>}).
 *
 * <p>Image names are COCO ids as decimal text. The released test split has no target, ground truth or
 * aspects; when present, the target must be one of {@code gt_img_ids} (the reference code asserts it is the
 * first) and aspects may be spelled either way (see {@link SemanticAspect}).
 */
public final class CircoDataset {
    public static final List<String> SPLITS = List.of("val", "test");

    private CircoDataset() {}

    /** Loads with {@link MissingImagePolicy#FAIL}. */
    public static CirDataset load(Path root, String split) {
        return load(root, split, MissingImagePolicy.FAIL);
    }

    public static CirDataset load(Path root, String split, MissingImagePolicy policy) {
        if (!SPLITS.contains(split)) {
            throw new IllegalArgumentException("unknown CIRCO split '" + split + "', expected one of " + SPLITS);
        }
        Path coco = root.resolve("COCO2017_unlabeled");
        List<GalleryImage> gallery = readGallery(new JsonFields(coco.resolve("annotations").resolve("image_info_unlabeled2017.json")),
                coco.resolve("unlabeled2017"));
        Set<String> names = new HashSet<>(gallery.size() * 2);
        gallery.forEach(g -> names.add(g.name()));
        List<CirQuery> queries = readQueries(new JsonFields(root.resolve("annotations").resolve(split + ".json")), names);
        return DatasetAssembler.assemble(DatasetKind.CIRCO, split, null, root, queries, gallery, policy);
    }

    private static List<GalleryImage> readGallery(JsonFields json, Path imageDir) {
        JsonNode top = json.readObject();
        JsonNode images = top.get("images");
        if (images == null || !images.isArray()) {
            throw json.error(-1, "images", images == null ? "missing (required)" : "expected a list, found " + JsonFields.kind(images));
        }
        List<GalleryImage> gallery = new ArrayList<>(images.size());
        Map<Long, Integer> seen = new HashMap<>(images.size() * 2);
        for (int i = 0; i < images.size(); i++) {
            JsonNode e = json.entry(images, i);
            long id = json.integer(e, i, "id");
            String file = json.text(e, i, "file_name");
            Integer prev = seen.put(id, i);
            if (prev != null) {
                throw json.error(i, "id", "image id " + id + " already used by entry " + prev);
            }
            Path p = imageDir.resolve(file).normalize();
            if (!p.startsWith(imageDir.normalize())) {
                throw json.error(i, "file_name", "'" + file + "' leaves the image folder " + imageDir);
            }
            gallery.add(new GalleryImage(Long.toString(id), p));
        }
        return gallery;
    }

    private static List<CirQuery> readQueries(JsonFields json, Set<String> gallery) {
        JsonNode top = json.readArray();
        List<CirQuery> queries = new ArrayList<>(top.size());
        Map<Long, Integer> seenIds = new HashMap<>();
        String where = "the COCO unlabeled gallery";
        for (int i = 0; i < top.size(); i++) {
            JsonNode e = json.entry(top, i);
            long id = json.integer(e, i, "id");
            Integer prev = seenIds.put(id, i);
            if (prev != null) {
                throw json.error(i, "id", "query id " + id + " already used by entry " + prev);
            }
            String reference = Long.toString(json.integer(e, i, "reference_img_id"));
            String caption = json.text(e, i, "relative_caption");
            String sharedConcept = json.text(e, i, "shared_concept");
            Long targetId = json.optionalInteger(e, i, "target_img_id");
            List<Long> gtIds = json.optionalIntegerList(e, i, "gt_img_ids");
            List<String> aspectNames = json.optionalTextList(e, i, "semantic_aspects");

            DatasetAssembler.requireInGallery(json, gallery, i, "reference_img_id", reference, where);
            String target = targetId == null ? null : Long.toString(targetId);
            List<String> gt = new ArrayList<>();
            if (target != null || gtIds != null) {
                if (target == null) {
                    throw json.error(i, "target_img_id", "missing although gt_img_ids is given");
                }
                if (gtIds == null) {
                    throw json.error(i, "gt_img_ids", "missing although target_img_id is given");
                }
                DatasetAssembler.requireInGallery(json, gallery, i, "target_img_id", target, where);
                for (int g = 0; g < gtIds.size(); g++) {
                    String name = Long.toString(gtIds.get(g));
                    DatasetAssembler.requireInGallery(json, gallery, i, "gt_img_ids[" + g + "]", name, where);
                    if (gt.contains(name)) {
                        throw json.error(i, "gt_img_ids[" + g + "]", "duplicate ground truth " + name);
                    }
                    gt.add(name);
                }
                if (!gt.contains(target)) {
                    throw json.error(i, "gt_img_ids", "does not contain target_img_id " + target + ": " + gtIds);
                }
            }
            List<SemanticAspect> aspects = new ArrayList<>();
            if (aspectNames != null) {
                for (int a = 0; a < aspectNames.size(); a++) {
                    String n = aspectNames.get(a);
                    String field = "semantic_aspects[" + a + "]";
                    final int entry = i;
                    SemanticAspect aspect = SemanticAspect.parse(n).orElseThrow(() ->
                            json.error(entry, field, "unknown aspect '" + n + "', expected one of " + knownAspects()));
                    if (aspects.contains(aspect)) {
                        throw json.error(i, "semantic_aspects[" + a + "]", "aspect '" + n + "' listed twice");
                    }
                    aspects.add(aspect);
                }
            }
            queries.add(new CirQuery(Long.toString(id), reference, List.of(caption), target, gt, List.of(), sharedConcept, aspects));
        }
        return queries;
    }

    static String knownAspects() {
        return Arrays.stream(SemanticAspect.values()).map(SemanticAspect::displayName).toList().toString();
    }
}
