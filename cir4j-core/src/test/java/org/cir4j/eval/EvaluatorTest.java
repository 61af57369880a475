package org.cir4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.cir4j.testing.TinyDatasets.cirr;
import static org.cir4j.testing.TinyDatasets.cirrTriplet;
import static org.cir4j.testing.TinyDatasets.circo;
import static org.cir4j.testing.TinyDatasets.circoQuery;
import static org.cir4j.testing.TinyDatasets.fashionIq;
import static org.cir4j.testing.TinyDatasets.fiqTriplet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cir4j.data.CirDataset;
import org.cir4j.data.CirrDataset;
import org.cir4j.data.CircoDataset;
import org.cir4j.data.FashionIqDataset;
import org.cir4j.index.ExactSearch;
import org.cir4j.index.GalleryFeatures;
import org.cir4j.methods.ComposerInput;
import org.cir4j.methods.QueryComposer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on hand-written datasets. Gallery image i has feature 2·e_i (deliberately not unit length:
 * the evaluator must normalise the gallery for ranking but hand composers the raw reference feature). The
 * fake composer reads a caption "A|B" and returns normalise(e_A + 0.5·referenceFeature/2 + 0.25·e_B), so
 * every ranking is known in advance: A, then the reference, then B, then the rest in gallery order (ties).
 */
class EvaluatorTest {
    @TempDir
    Path root;

    static GalleryFeatures oneHot(List<String> names) {
        float[][] v = new float[names.size()][names.size()];
        for (int i = 0; i < names.size(); i++) {
            v[i][i] = 2f;
        }
        return GalleryFeatures.of(names, v);
    }

    /** The fake composer: see the class comment. Records what it was given. */
    static final class ScriptedComposer implements QueryComposer {
        final GalleryFeatures features;
        final List<ComposerInput> seen = new ArrayList<>();
        int calls;

        ScriptedComposer(GalleryFeatures features) {
            this.features = features;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public float[][] compose(List<ComposerInput> queries) {
            calls++;
            seen.addAll(queries);
            float[][] out = new float[queries.size()][];
            for (int q = 0; q < queries.size(); q++) {
                String[] ab = queries.get(q).captions().get(0).split("\\|");
                float[] v = new float[features.dim()];
                v[features.indexOf(ab[0])] += 1f;
                float[] ref = queries.get(q).referenceFeature();
                for (int j = 0; j < v.length; j++) {
                    v[j] += 0.25f * ref[j]; // raw feature has length 2: contributes 0.5
                }
                v[features.indexOf(ab[1])] += 0.25f;
                double ss = 0;
                for (float x : v) {
                    ss += x * x;
                }
                for (int j = 0; j < v.length; j++) {
                    v[j] /= (float) Math.sqrt(ss);
                }
                out[q] = v;
            }
            return out;
        }
    }

    static final List<String> SET_A = List.of("dev-0", "dev-1", "dev-2", "dev-3", "dev-4", "dev-5");
    static final List<String> SET_B = List.of("dev-6", "dev-7", "dev-0", "dev-1", "dev-2", "dev-3");

    CirDataset tinyCirr() {
        cirr(root, "val", "", 8, List.of(
                cirrTriplet(1, "dev-0", "dev-3", "dev-3|dev-5", SET_A),
                cirrTriplet(2, "dev-6", "dev-2", "dev-1|dev-2", SET_B)));
        return CirrDataset.load(root, "val");
    }

    @Test
    void cirrRemovesTheReferenceAndScoresSubsets() {
        CirDataset ds = tinyCirr();
        GalleryFeatures features = oneHot(ds.galleryNames());
        ScriptedComposer composer = new ScriptedComposer(features);
        Evaluator evaluator = new Evaluator(Evaluator.Options.defaults().withBatchSize(1));
        Retrievals r = evaluator.retrieve(ds, features, composer);
        assertThat(r.rankings().get(0)).containsExactly("dev-3", "dev-5", "dev-1", "dev-2", "dev-4", "dev-6", "dev-7");
        assertThat(r.subsetRankings().get(0)).containsExactly("dev-3", "dev-5", "dev-1", "dev-2", "dev-4");
        assertThat(r.subsetRankings().get(1)).containsExactly("dev-1", "dev-2", "dev-0", "dev-3", "dev-7");
        assertThat(composer.calls).isEqualTo(2);
        assertThat(composer.seen.get(0).referenceImage()).isEqualTo(ds.gallery().get(0).path()).exists();
        assertThat(composer.seen.get(0).referenceFeature()).containsExactly(2f, 0, 0, 0, 0, 0, 0, 0);
        assertThat(composer.seen.get(0).captions()).containsExactly("dev-3|dev-5");

        EvalReport report = evaluator.evaluate(ds, features, new ScriptedComposer(features));
        assertThat(report.group("recall").value("R@1")).isCloseTo(50.0, within(1e-9));
        assertThat(report.group("recall").value("R@5")).isCloseTo(100.0, within(1e-9));
        assertThat(report.group("recall").value("R@50")).isCloseTo(100.0, within(1e-9));
        assertThat(report.group("subset").value("R_s@1")).isCloseTo(50.0, within(1e-9));
        assertThat(report.group("subset").value("R_s@2")).isCloseTo(100.0, within(1e-9));
        assertThat(report.group("average").value("Avg")).isCloseTo(75.0, within(1e-9));
        assertThat(report.queryCount()).isEqualTo(2);
        assertThat(report.notes()).isEmpty();
    }

    @Test
    void keepingTheReferenceIsANamedDeviationThatShowsInTheReport() {
        CirDataset ds = tinyCirr();
        GalleryFeatures features = oneHot(ds.galleryNames());
        Evaluator evaluator = new Evaluator(Evaluator.Options.defaults().withReferenceExclusion(Evaluator.ReferenceExclusion.NEVER));
        Retrievals r = evaluator.retrieve(ds, features, new ScriptedComposer(features));
        assertThat(r.rankings().get(0)).startsWith("dev-3", "dev-0", "dev-5");
        EvalReport report = evaluator.evaluate(ds, features, new ScriptedComposer(features));
        assertThat(report.notes()).anyMatch(n -> n.contains("kept in its ranking (option NEVER)"));
    }

    @Test
    void circoKeepsTheReferenceAndScoresMapAndAspects() {
        circo(root, "val", 8, List.of(
                circoQuery(0, 100, 103L, "103|104", "c", List.of(103L, 104L, 105L), List.of("cardinality")),
                circoQuery(1, 101, 107L, "106|107", "c", List.of(107L), List.of("negation", "viewpoint"))));
        CirDataset ds = CircoDataset.load(root, "val");
        GalleryFeatures features = oneHot(ds.galleryNames());
        ScriptedComposer composer = new ScriptedComposer(features);
        EvalReport report = new Evaluator().evaluate(ds, features, composer);
        assertThat(composer.seen.get(0).sharedConcept()).isEqualTo("c");
        double ap0at5 = (1 + 2.0 / 3) / 3, ap0at10 = (1 + 2.0 / 3 + 3.0 / 6) / 3, ap1 = 1.0 / 3;
        assertThat(report.group("mAP").value("mAP@5")).isCloseTo(100 * (ap0at5 + ap1) / 2, within(1e-6));
        assertThat(report.group("mAP").value("mAP@10")).isCloseTo(100 * (ap0at10 + ap1) / 2, within(1e-6));
        assertThat(report.group("mAP").value("mAP@50")).isCloseTo(100 * (ap0at10 + ap1) / 2, within(1e-6));
        assertThat(report.group("recall").value("R@5")).isCloseTo(100.0, within(1e-9));
        MetricGroup aspects = report.group("per-aspect mAP@10");
        assertThat(aspects.value("cardinality")).isCloseTo(100 * ap0at10, within(1e-6));
        assertThat(aspects.value("negation")).isCloseTo(100 * ap1, within(1e-6));
        assertThat(aspects.value("addition")).isNaN();
    }

    @Test
    void fashionIqEvaluatesEachCategoryAgainstItsOwnGalleryAndAverages() {
        List<String> all = new ArrayList<>();
        for (String c : FashionIqDataset.CATEGORIES) {
            // shirt's target sits last among 12 tied candidates (rank 12): a miss at 10, a hit at 50.
            String target = c.equals("shirt") ? "shirt11" : c + "2";
            fashionIq(root, c, "val", 12, List.of(fiqTriplet(c + "0", target, c + "2|" + c + "3", "is blue")));
            for (int i = 0; i < 12; i++) {
                all.add(c + i);
            }
        }
        List<CirDataset> cats = FashionIqDataset.loadAll(root, "val");
        GalleryFeatures features = oneHot(all);
        ScriptedComposer composer = new ScriptedComposer(features);
        Evaluator evaluator = new Evaluator(Evaluator.Options.defaults().withBackend(ExactSearch.Backend.JAVA_LOOP));
        Retrievals shirt = evaluator.retrieve(cats.get(1), features, composer);
        assertThat(shirt.rankings().get(0)).hasSize(12).startsWith("shirt2", "shirt0", "shirt3").endsWith("shirt11");
        assertThat(composer.seen.get(0).captions()).containsExactly("shirt2|shirt3", "is blue");

        EvalReport report = evaluator.evaluateFashionIq(cats, features, new ScriptedComposer(features));
        assertThat(report.dataset()).isEqualTo("fashioniq/val");
        assertThat(report.group("dress").value("R@10")).isEqualTo(100.0);
        assertThat(report.group("shirt").value("R@10")).isEqualTo(0.0);
        assertThat(report.group("shirt").value("R@50")).isEqualTo(100.0);
        assertThat(report.group("average").value("R@10")).isCloseTo(200.0 / 3, within(1e-9));
        assertThat(report.group("average").value("Avg")).isCloseTo((200.0 / 3 + 100) / 2, within(1e-9));
        assertThat(report.gallerySize()).isEqualTo(36);
    }

    @Test
    void contractViolationsAreReportedSpecifically() {
        CirDataset ds = tinyCirr();
        GalleryFeatures features = oneHot(ds.galleryNames());
        QueryComposer unnormalised = new QueryComposer() {
            public String name() {
                return "raw";
            }

            public float[][] compose(List<ComposerInput> queries) {
                return queries.stream().map(q -> q.referenceFeature()).toArray(float[][]::new);
            }
        };
        assertThatThrownBy(() -> new Evaluator().evaluate(ds, features, unnormalised))
                .hasMessageContaining("composer 'raw' on cirr/val: vector for query 1 has norm 2.000000");
        QueryComposer dropsOne = new QueryComposer() {
            public String name() {
                return "short";
            }

            public float[][] compose(List<ComposerInput> queries) {
                return new float[queries.size() - 1][];
            }
        };
        assertThatThrownBy(() -> new Evaluator().evaluate(ds, features, dropsOne)).hasMessageContaining("returned 1 vectors for a batch of 2");
        GalleryFeatures partial = oneHot(List.of("dev-0", "dev-1"));
        assertThatThrownBy(() -> new Evaluator().evaluate(ds, partial, new ScriptedComposer(partial)))
                .hasMessageContaining("cirr/val: 6 of 8 images have no feature vector");
    }

    @Test
    void writesReportAndHistogram() throws Exception {
        CirDataset ds = tinyCirr();
        GalleryFeatures features = oneHot(ds.galleryNames());
        Path out = root.resolve("reports");
        Evaluator evaluator = new Evaluator(Evaluator.Options.defaults().withHistogram(out, 1000, 1));
        EvalReport report = evaluator.evaluate(ds, features, new ScriptedComposer(features));
        assertThat(report.similarity().positivePairs()).isEqualTo(2);
        // 2 queries × (8 gallery − 1 target − 1 excluded reference) non-target pairs, all of them (< budget).
        assertThat(report.similarity().negativePairs()).isEqualTo(12);
        // Target cosines: 1/n (query 1) and 0.25/n (query 2), n = ‖(1, 0.5, 0.25)‖; the same two values recur once
        // each among the 12 non-target pairs (B of query 1, A of query 2), the other 10 are 0.
        double n = Math.sqrt(1 + 0.25 + 0.0625);
        assertThat(report.similarity().positiveMean()).isCloseTo((1 + 0.25) / n / 2, within(1e-6));
        assertThat(report.similarity().negativeMean()).isCloseTo((1 + 0.25) / n / 12, within(1e-6));
        Path png = out.resolve(report.histogramPng());
        assertThat(png).exists();
        assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isEqualTo(900);
        report.write(out, "scripted_cirr-val");
        assertThat(Files.readString(out.resolve("scripted_cirr-val.md"))).contains("| recall | R@1 | R@5 | R@10 | R@50 |")
                .contains("| scripted | 50.00 | 100.00 | 100.00 | 100.00 |").contains("![similarity histogram](" + report.histogramPng() + ")");
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.resolve("scripted_cirr-val.json").toFile());
        assertThat(json.get("format").asText()).isEqualTo("cir4j-eval-report");
        assertThat(json.at("/metrics/subset/R_s@1/value").asDouble()).isEqualTo(50.0);
        assertThat(json.at("/similarity/target_pairs").asInt()).isEqualTo(2);
    }

    @Test
    void testSplitsCannotBeScoredButCanBeRetrieved() {
        cirr(root, "test1", "", 8, List.of(cirrTriplet(5, "dev-0", null, "dev-3|dev-5", SET_A)));
        CirDataset ds = CirrDataset.load(root, "test1");
        GalleryFeatures features = oneHot(ds.galleryNames());
        assertThatThrownBy(() -> new Evaluator().evaluate(ds, features, new ScriptedComposer(features)))
                .hasMessageContaining("cirr/test1: 1 of 1 queries have no target");
        assertThat(new Evaluator().retrieve(ds, features, new ScriptedComposer(features)).rankings().get(0)).startsWith("dev-3");
    }
}
