package org.cir4j.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reader for the FashionIQ layout: per category, {@code captions/cap.<cat>.<split>.json} (list of
 * {@code candidate, target?, captions: [c1, c2]}) and {@code image_splits/split.<cat>.<split>.json} (list of
 * asins); images are {@code images/<asin>.png}, or {@code .jpg} as in the original download.
 *
 * <p>Each category is its own retrieval task: its gallery is that category's split images (reference
 * code: {@code FashionIQDataset(..., [dress_type], 'classic')}), so {@link #loadAll} returns one
 * {@link CirDataset} per category. FashionIQ has no query ids; they are {@code "<category>:<index>"}.
 */
public final class FashionIqDataset {
    public static final List<String> CATEGORIES = List.of("dress", "shirt", "toptee");
    public static final List<String> SPLITS = List.of("train", "val", "test");
    /** Image file extensions tried in this order. */
    static final List<String> EXTENSIONS = List.of(".png", ".jpg");

    private FashionIqDataset() {}

    /** The three categories of {@code split}, each with {@link MissingImagePolicy#FAIL}. */
    public static List<CirDataset> loadAll(Path root, String split) {
        return loadAll(root, split, MissingImagePolicy.FAIL);
    }

    public static List<CirDataset> loadAll(Path root, String split, MissingImagePolicy policy) {
        List<CirDataset> out = new ArrayList<>(CATEGORIES.size());
        for (String c : CATEGORIES) {
            out.add(load(root, c, split, policy));
        }
        return out;
    }

    public static CirDataset load(Path root, String category, String split, MissingImagePolicy policy) {
        if (!CATEGORIES.contains(category)) {
            throw new IllegalArgumentException("unknown FashionIQ category '" + category + "', expected one of " + CATEGORIES);
        }
        if (!SPLITS.contains(split)) {
            throw new IllegalArgumentException("unknown FashionIQ split '" + split + "', expected one of " + SPLITS);
        }
        Path images = root.resolve("images");
        JsonFields splitJson = new JsonFields(root.resolve("image_splits").resolve("split." + category + "." + split + ".json"));
        JsonNode asins = splitJson.readArray();
        List<GalleryImage> gallery = new ArrayList<>(asins.size());
        Map<String, Integer> seen = new HashMap<>(asins.size() * 2);
        for (int i = 0; i < asins.size(); i++) {
            JsonNode a = asins.get(i);
            if (!a.isTextual()) {
                throw splitJson.error(i, null, "expected an asin string, found " + JsonFields.kind(a));
            }
            Integer prev = seen.put(a.asText(), i);
            if (prev != null) {
                throw splitJson.error(i, null, "asin '" + a.asText() + "' already listed at entry " + prev);
            }
            gallery.add(new GalleryImage(a.asText(), imageFile(images, a.asText())));
        }

        JsonFields capJson = new JsonFields(root.resolve("captions").resolve("cap." + category + "." + split + ".json"));
        JsonNode top = capJson.readArray();
        List<CirQuery> queries = new ArrayList<>(top.size());
        String where = "the split file " + splitJson.file().getFileName();
        for (int i = 0; i < top.size(); i++) {
            JsonNode e = capJson.entry(top, i);
            String candidate = capJson.text(e, i, "candidate");
            String target = capJson.optionalText(e, i, "target");
            List<String> captions = capJson.textList(e, i, "captions");
            if (captions.size() != 2) {
                throw capJson.error(i, "captions", "expected 2 captions, found " + captions.size());
            }
            DatasetAssembler.requireInGallery(capJson, seen.keySet(), i, "candidate", candidate, where);
            if (target != null) {
                DatasetAssembler.requireInGallery(capJson, seen.keySet(), i, "target", target, where);
            }
            queries.add(new CirQuery(category + ":" + i, candidate, captions, target,
                    target == null ? List.of() : List.of(target), List.of(), null, List.of()));
        }
        return DatasetAssembler.assemble(DatasetKind.FASHION_IQ, split, category, root, queries, gallery, policy);
    }

    /** The first existing {@code images/<asin><ext>}; the {@code .png} path when none exists (reported as missing). */
    static Path imageFile(Path images, String asin) {
        for (String ext : EXTENSIONS) {
            Path p = images.resolve(asin + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return images.resolve(asin + EXTENSIONS.get(0));
    }
}
