package org.cir4j.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cir4j.data.CirDataset;
import org.cir4j.data.DatasetKind;
import org.cir4j.data.GalleryImage;

/**
 * One table of an evaluation run: a benchmark split under one protocol, e.g. {@code cirr/val} or, in the synthetic
 * world, {@code shapes/circo/val}. FashionIQ's three categories form one task (the papers report them side by side
 * with their average).
 *
 * @param label  stable name used in reports and folder names
 * @param kind   the protocol
 * @param parts  one dataset, or FashionIQ's categories
 */
public record EvalTask(String label, DatasetKind kind, List<CirDataset> parts) {
    public EvalTask {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(kind, "kind");
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException(label + ": no datasets");
        }
        for (CirDataset d : parts) {
            if (d.kind() != kind) {
                throw new IllegalArgumentException(label + ": " + d.name() + " is not a " + kind.id() + " dataset");
            }
            if (d.queries().isEmpty()) {
                throw new IllegalArgumentException(label + ": " + d.name() + " has no queries (" + d.root() + ")");
            }
        }
    }

    /** Whether every part has ground truth (metrics can be computed; otherwise only submissions). */
    public boolean hasTargets() {
        return parts.stream().allMatch(CirDataset::hasTargets);
    }

    public int queryCount() {
        return parts.stream().mapToInt(d -> d.queries().size()).sum();
    }

    /**
     * Every gallery image of every part, once. FashionIQ categories may list the same image; one name must always
     * mean one file.
     */
    public List<GalleryImage> gallery() {
        Map<String, GalleryImage> byName = new LinkedHashMap<>();
        for (CirDataset d : parts) {
            for (GalleryImage g : d.gallery()) {
                GalleryImage prev = byName.putIfAbsent(g.name(), g);
                if (prev != null && !prev.path().equals(g.path())) {
                    throw new IllegalArgumentException(label + ": gallery name '" + g.name() + "' means two files: " + prev.path() + " and " + g.path());
                }
            }
        }
        return new ArrayList<>(byName.values());
    }

    /** {@link #label()} as a folder/file name. */
    public String slug() {
        return Evaluator.fileSafe(label.replace('/', '_'));
    }
}
