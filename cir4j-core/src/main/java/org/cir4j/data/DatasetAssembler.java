package org.cir4j.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Final step shared by the three readers: checks that every gallery image exists on disk and applies
 * the {@link MissingImagePolicy}. Missing images are never dropped silently.
 */
final class DatasetAssembler {
    private static final System.Logger LOG = System.getLogger(DatasetAssembler.class.getName());

    private DatasetAssembler() {}

    static CirDataset assemble(DatasetKind kind, String split, String category, Path root, List<CirQuery> queries,
                               List<GalleryImage> gallery, MissingImagePolicy policy) {
        String name = kind.id() + "/" + (category == null ? "" : category + "/") + split;
        Set<String> missing = new HashSet<>();
        List<String> firstMissing = new ArrayList<>();
        for (GalleryImage g : gallery) {
            if (!Files.isRegularFile(g.path())) {
                missing.add(g.name());
                if (firstMissing.size() < MissingImageReport.SAMPLE) {
                    firstMissing.add(g.name() + " (" + g.path() + ")");
                }
            }
        }
        if (missing.isEmpty()) {
            return new CirDataset(kind, split, category, root, queries, gallery, MissingImageReport.NONE);
        }
        if (policy == MissingImagePolicy.FAIL) {
            throw new MissingImagesException(name, missing.size(), gallery.size(), firstMissing);
        }
        List<GalleryImage> keptGallery = gallery.stream().filter(g -> !missing.contains(g.name())).toList();
        List<CirQuery> keptQueries = new ArrayList<>(queries.size());
        List<String> firstDropped = new ArrayList<>();
        int dropped = 0;
        for (CirQuery q : queries) {
            if (q.mentionedImages().stream().anyMatch(missing::contains)) {
                dropped++;
                if (firstDropped.size() < MissingImageReport.SAMPLE) {
                    firstDropped.add(q.id());
                }
            } else {
                keptQueries.add(q);
            }
        }
        MissingImageReport report = new MissingImageReport(missing.size(), firstMissing, dropped, firstDropped);
        LOG.log(System.Logger.Level.WARNING, name + ": " + report.summary());
        return new CirDataset(kind, split, category, root, keptQueries, keptGallery, report);
    }

    /** Throws when {@code name} is not a gallery image: an annotation that points outside its split. */
    static void requireInGallery(JsonFields json, Set<String> galleryNames, int entry, String field, String name, String galleryDescription) {
        if (!galleryNames.contains(name)) {
            throw json.error(entry, field, "image '" + name + "' is not in " + galleryDescription);
        }
    }
}
