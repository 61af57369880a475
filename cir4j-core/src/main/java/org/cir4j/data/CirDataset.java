package org.cir4j.data;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One retrieval task as read from disk: queries and the gallery they are ranked against. FashionIQ
 * gives one per category (each category has its own gallery); CIRR and CIRCO one per split.
 */
public final class CirDataset {
    private final DatasetKind kind;
    private final String split;
    private final String category;
    private final Path root;
    private final List<CirQuery> queries;
    private final List<GalleryImage> gallery;
    private final Map<String, Integer> galleryIndex;
    private final MissingImageReport missingImages;

    /**
     * @param category FashionIQ category ({@code dress}, {@code shirt}, {@code toptee}); {@code null} otherwise
     * @throws IllegalArgumentException if two gallery images share a name
     */
    public CirDataset(DatasetKind kind, String split, String category, Path root, List<CirQuery> queries,
                      List<GalleryImage> gallery, MissingImageReport missingImages) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.split = Objects.requireNonNull(split, "split");
        this.category = category;
        this.root = Objects.requireNonNull(root, "root");
        this.queries = List.copyOf(queries);
        this.gallery = List.copyOf(gallery);
        this.missingImages = Objects.requireNonNull(missingImages, "missingImages");
        Map<String, Integer> index = new HashMap<>(this.gallery.size() * 2);
        for (int i = 0; i < this.gallery.size(); i++) {
            Integer prev = index.put(this.gallery.get(i).name(), i);
            if (prev != null) {
                throw new IllegalArgumentException(name() + ": gallery image '" + this.gallery.get(i).name()
                        + "' appears twice (positions " + prev + " and " + i + ")");
            }
        }
        this.galleryIndex = Collections.unmodifiableMap(index);
    }

    public DatasetKind kind() {
        return kind;
    }

    public String split() {
        return split;
    }

    public Optional<String> category() {
        return Optional.ofNullable(category);
    }

    public Path root() {
        return root;
    }

    public List<CirQuery> queries() {
        return queries;
    }

    public List<GalleryImage> gallery() {
        return gallery;
    }

    public MissingImageReport missingImages() {
        return missingImages;
    }

    /** E.g. {@code "cirr/val"}, {@code "fashioniq/dress/val"}. */
    public String name() {
        return kind.id() + "/" + (category == null ? "" : category + "/") + split;
    }

    /** Position of {@code imageName} in {@link #gallery()}, or -1. */
    public int galleryIndexOf(String imageName) {
        Integer i = galleryIndex.get(imageName);
        return i == null ? -1 : i;
    }

    public List<String> galleryNames() {
        return gallery.stream().map(GalleryImage::name).toList();
    }

    /** True when every query has a target, i.e. metrics can be computed (not a test split). */
    public boolean hasTargets() {
        return !queries.isEmpty() && queries.stream().allMatch(CirQuery::hasTarget);
    }

    @Override
    public String toString() {
        return name() + " (" + queries.size() + " queries, " + gallery.size() + " gallery images)";
    }
}
