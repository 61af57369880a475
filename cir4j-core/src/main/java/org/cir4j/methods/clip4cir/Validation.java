package org.cir4j.methods.clip4cir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cir4j.data.CirDataset;
import org.cir4j.data.GalleryImage;
import org.cir4j.eval.EvalReport;
import org.cir4j.eval.Evaluator;
import org.cir4j.index.GalleryFeatures;
import org.cir4j.methods.QueryComposer;

/**
 * Validation of a CLIP4Cir model on one split with the dataset's published protocol ({@link Evaluator}) and the
 * reference's checkpoint-selection score ({@link Clip4CirTask#selectionScore}).
 */
public final class Validation {

    /** A score and the report it came from. */
    public record Outcome(double score, EvalReport report) {}

    private final Clip4CirTask task;
    private final List<CirDataset> split;
    private final Evaluator evaluator;

    public Validation(Clip4CirTask task, List<CirDataset> split, Evaluator evaluator) {
        this.task = task;
        this.split = List.copyOf(split);
        this.evaluator = evaluator;
    }

    public Clip4CirTask task() {
        return task;
    }

    public List<CirDataset> split() {
        return split;
    }

    /** Every gallery image of the split (FashionIQ: the union of the categories' galleries). */
    public List<GalleryImage> galleryImages() {
        List<GalleryImage> all = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (CirDataset d : split) {
            for (GalleryImage g : d.gallery()) {
                if (seen.add(g.name())) {
                    all.add(g);
                }
            }
        }
        return all;
    }

    /** Raw gallery features of the split encoded with {@code encoder}. */
    public GalleryFeatures encodeGallery(FeatureEncoder encoder, TrainingProgress progress) {
        List<GalleryImage> images = galleryImages();
        List<Path> files = images.stream().map(GalleryImage::path).toList();
        float[][] f = encoder.images(files, "encode " + split.get(0).split() + " gallery", progress);
        return GalleryFeatures.of(images.stream().map(GalleryImage::name).toList(), f);
    }

    public Outcome run(GalleryFeatures gallery, QueryComposer composer) {
        EvalReport r = task.evaluate(evaluator, split, gallery, composer);
        return new Outcome(task.selectionScore(r), r);
    }
}
