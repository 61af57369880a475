package org.cir4j.methods.clip4cir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cir4j.data.CirDataset;
import org.cir4j.data.CirQuery;
import org.cir4j.data.CirrDataset;
import org.cir4j.data.DatasetKind;
import org.cir4j.data.FashionIqDataset;
import org.cir4j.data.GalleryImage;
import org.cir4j.eval.EvalReport;
import org.cir4j.eval.Evaluator;
import org.cir4j.eval.MetricGroup;
import org.cir4j.index.GalleryFeatures;
import org.cir4j.methods.QueryComposer;

/**
 * The two dataset layouts CLIP4Cir trains on, and what differs between them: where the triplets are,
 * how captions become a text, and the score the reference selects checkpoints by.
 */
public enum Clip4CirTask {
    /** CIRR layout (the world's shapes domain): one caption per triplet. */
    CIRR(DatasetKind.CIRR),
    /** FashionIQ layout (the world's garments domain): two captions, randomised join in training. */
    FASHION_IQ(DatasetKind.FASHION_IQ);

    private final DatasetKind kind;

    Clip4CirTask(DatasetKind kind) {
        this.kind = kind;
    }

    public DatasetKind kind() {
        return kind;
    }

    public static Clip4CirTask fromId(String id) {
        return switch (id.toLowerCase(Locale.ROOT)) {
            case "cirr" -> CIRR;
            case "fashioniq", "fashion-iq", "fiq" -> FASHION_IQ;
            default -> throw new IllegalArgumentException("unknown dataset '" + id + "'; expected cirr or fashioniq");
        };
    }

    /** One training triplet: files and the caption(s). */
    public record Triplet(Path reference, List<String> captions, Path target) {}

    /** The labelled training triplets of {@code root} (the CIRR root or the FashionIQ root). */
    public List<Triplet> trainTriplets(Path root) {
        List<Triplet> out = new ArrayList<>();
        for (CirDataset d : datasets(root, "train")) {
            for (CirQuery q : d.queries()) {
                if (!q.hasTarget()) {
                    throw new IllegalArgumentException(d.name() + ": training query " + q.id() + " has no target");
                }
                GalleryImage ref = d.gallery().get(requireIndex(d, q.referenceName()));
                GalleryImage tgt = d.gallery().get(requireIndex(d, q.targetName()));
                if (kind == DatasetKind.FASHION_IQ && q.captions().size() != 2) {
                    throw new IllegalArgumentException(d.name() + ": query " + q.id() + " has " + q.captions().size()
                            + " captions, FashionIQ has two");
                }
                out.add(new Triplet(ref.path(), q.captions(), tgt.path()));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no training triplets under " + root);
        }
        return out;
    }

    private static int requireIndex(CirDataset d, String name) {
        int i = d.galleryIndexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException(d.name() + ": image '" + name + "' is not in the split's image list");
        }
        return i;
    }

    /** The split as evaluation datasets: one for CIRR, the three categories for FashionIQ. */
    public List<CirDataset> datasets(Path root, String split) {
        return kind == DatasetKind.CIRR ? List.of(CirrDataset.load(root, split)) : FashionIqDataset.loadAll(root, split);
    }

    /** The training texts of one triplet's captions: CIRR its caption; FashionIQ the four forms. */
    public List<String> trainingTexts(List<String> captions) {
        if (kind == DatasetKind.FASHION_IQ) {
            return FashionIqCaptions.trainingVariants(captions.get(0), captions.get(1));
        }
        return List.of(captions.get(0));
    }

    /** Evaluates a split with the dataset's published protocol. */
    public EvalReport evaluate(Evaluator evaluator, List<CirDataset> split, GalleryFeatures features, QueryComposer composer) {
        return kind == DatasetKind.FASHION_IQ ? evaluator.evaluateFashionIq(split, features, composer)
                : evaluator.evaluate(split.get(0), features, composer);
    }

    /**
     * The score the reference keeps the best checkpoint by: FashionIQ {@code average_recall} (mean of the
     * category-averaged R@10 and R@50); CIRR {@code arithmetic_mean} of R@1, R@5, R@10, R@50, R_s@1, R_s@2, R_s@3.
     */
    public double selectionScore(EvalReport report) {
        if (kind == DatasetKind.FASHION_IQ) {
            MetricGroup avg = report.group("average");
            return (avg.value("R@10") + avg.value("R@50")) / 2;
        }
        MetricGroup r = report.group("recall");
        MetricGroup s = report.group("subset");
        return (r.value("R@1") + r.value("R@5") + r.value("R@10") + r.value("R@50") + s.value("R_s@1") + s.value("R_s@2")
                + s.value("R_s@3")) / 7;
    }
}
