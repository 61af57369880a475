package org.cir4j.world;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.cir4j.world.io.WorldFiles;
import org.cir4j.world.io.CircoLayout;
import org.cir4j.world.io.CirrLayout;
import org.cir4j.world.io.FashionIqLayout;
import org.cir4j.world.io.Json;
import org.cir4j.world.io.JsonLines;
import org.cir4j.world.io.Linker;
import org.cir4j.world.query.CircoAspect;
import org.cir4j.world.query.ComposedQuery;
import org.cir4j.world.query.QueryFactory;
import org.cir4j.world.render.SceneRenderer;
import org.cir4j.world.sample.GarmentSceneSampler;
import org.cir4j.world.sample.Seeds;
import org.cir4j.world.sample.ShapeSceneSampler;
import org.cir4j.world.scene.GarmentScene;
import org.cir4j.world.scene.Scene;
import org.cir4j.world.text.ConceptBank;
import org.cir4j.world.text.GarmentCaptions;
import org.cir4j.world.text.ShapeCaptions;

/** Generates and writes one domain of the world into {@code OUT/<domain>/}. */
final class DomainBuilder {
    private final Domain domain;
    private final WorldConfig cfg;
    private final Workers workers;
    private final Linker linker;
    private final Path dir;
    private final SceneRenderer renderer;
    private final ShapeSceneSampler shapeSampler = new ShapeSceneSampler();
    private final GarmentSceneSampler garmentSampler = new GarmentSceneSampler();
    private final QueryFactory factory;

    /** Counts for world.json. */
    final Map<String, Integer> counts = new LinkedHashMap<>();
    /** Every word piece of every text written (checked against the {@link org.cir4j.world.text.Lexicon}). */
    final Set<String> vocabulary = new TreeSet<>();

    DomainBuilder(Domain domain, WorldConfig cfg, Workers workers, Linker linker, Path out) {
        this.domain = domain;
        this.cfg = cfg;
        this.workers = workers;
        this.linker = linker;
        this.dir = out.resolve(domain.id());
        this.renderer = new SceneRenderer(cfg.resolution());
        this.factory = new QueryFactory(domain);
    }

    private record Image(String name, Split split, Scene scene) {
        String relPath() {
            return "images/" + split.id() + "/" + name + ".png";
        }
    }

    /** The images of one query, by role, as indices into the split's image list. */
    private record Roles(int reference, int target, List<Integer> extras, List<Integer> misses) {}

    private record QuerySplit(Split split, List<ComposedQuery> queries, List<Image> images, List<Roles> roles) {}

    void build() throws IOException {
        String d = domain.id();
        WorldConfig.SplitSizes sz = cfg.sizes();

        // 1. Pretraining images with captions, unlabelled images.
        record Captioned(Scene scene, List<String> captions) {}
        List<Captioned> pre = workers.map(d + ": pretraining scenes", sz.pretrainImages(), i -> {
            Scene s = sample(Seeds.stream(cfg.seed(), d + "/pretrain", i));
            SplittableRandom rng = Seeds.stream(cfg.seed(), d + "/pretrain-captions", i);
            List<String> caps = s instanceof GarmentScene g ? GarmentCaptions.captions(g, cfg.captionsPerImage(), rng)
                    : ShapeCaptions.captions((org.cir4j.world.scene.ShapeScene) s, cfg.captionsPerImage(), rng);
            return new Captioned(s, caps);
        });
        List<Image> pretrain = new ArrayList<>();
        for (int i = 0; i < pre.size(); i++) {
            pretrain.add(new Image(name(Split.PRETRAIN, i), Split.PRETRAIN, pre.get(i).scene()));
        }
        List<Scene> unl = workers.map(d + ": unlabelled scenes", sz.unlabelledImages(),
                i -> sample(Seeds.stream(cfg.seed(), d + "/unlabelled", i)));
        List<Image> unlabelled = new ArrayList<>();
        for (int i = 0; i < unl.size(); i++) {
            unlabelled.add(new Image(name(Split.UNLABELLED, i), Split.UNLABELLED, unl.get(i)));
        }

        // 2. Queries with their galleries.
        QuerySplit train = querySplit(Split.TRAIN, sz.trainTriplets(), 0);
        QuerySplit val = querySplit(Split.VAL, sz.valQueries(), sz.valGallery());
        QuerySplit test = querySplit(Split.TEST, sz.testQueries(), sz.testGallery());

        // 3. Render every image once.
        List<Image> all = new ArrayList<>(pretrain);
        all.addAll(unlabelled);
        all.addAll(train.images());
        all.addAll(val.images());
        all.addAll(test.images());
        workers.<Void>map(d + ": rendering", all.size(), i -> {
            Image im = all.get(i);
            WorldFiles.writePng(dir.resolve(im.relPath()), renderer.render(im.scene()));
            return null;
        });

        // 4. Files.
        workers.report(d + ": writing files", 0, 1);
        JsonLines scenes = new JsonLines();
        for (Image im : all) {
            scenes.add(new SceneRecord(im.name(), im.split(), im.relPath(), im.scene()));
        }
        scenes.writeTo(dir.resolve("scenes.jsonl"));

        JsonLines pretrainLines = new JsonLines();
        for (int i = 0; i < pretrain.size(); i++) {
            pretrainLines.add(new PretrainRecord(pretrain.get(i).relPath(), pre.get(i).captions()));
            pre.get(i).captions().forEach(this::addWords);
        }
        pretrainLines.writeTo(dir.resolve("pretrain.jsonl"));
        JsonLines unlabelledLines = new JsonLines();
        for (Image im : unlabelled) {
            unlabelledLines.addText(im.relPath());
        }
        unlabelledLines.writeTo(dir.resolve("unlabelled.txt"));

        List<String> concepts = ConceptBank.concepts(domain);
        Map<String, List<String>> phrases = ConceptBank.phrases(domain, cfg.phrasesPerConcept(), cfg.seed());
        WorldFiles.writeJson(dir.resolve("concepts.json"), Json.pretty(), concepts);
        WorldFiles.writeJson(dir.resolve("phrases.json"), Json.pretty(), phrases);
        concepts.forEach(this::addWords);
        phrases.values().forEach(ps -> ps.forEach(this::addWords));

        Map<Split, List<List<String>>> groundTruth = new LinkedHashMap<>();
        JsonLines queries = new JsonLines();
        for (QuerySplit qs : List.of(train, val, test)) {
            List<List<String>> gt = groundTruth(qs);
            groundTruth.put(qs.split(), gt);
            for (int q = 0; q < qs.queries().size(); q++) {
                queries.add(record(qs, q, gt.get(q)));
                ComposedQuery cq = qs.queries().get(q);
                addWords(cq.caption());
                cq.fashionIqCaptions().forEach(this::addWords);
            }
        }
        queries.writeTo(dir.resolve("queries.jsonl"));

        writeCirr(List.of(train, val, test));
        writeCirco(val, test);
        if (domain == Domain.GARMENTS) {
            writeFashionIq(List.of(train, val, test));
        }
        ContactSheet.write(dir.resolve("contact_sheet.png"), domain, cfg.resolution(), cfg.seed());
        workers.report(d + ": writing files", 1, 1);

        counts.put("pretrain_images", pretrain.size());
        counts.put("unlabelled_images", unlabelled.size());
        counts.put("train_triplets", train.queries().size());
        counts.put("train_images", train.images().size());
        counts.put("val_queries", val.queries().size());
        counts.put("val_gallery", val.images().size());
        counts.put("test_queries", test.queries().size());
        counts.put("test_gallery", test.images().size());
        counts.put("images", all.size());
        counts.put("concepts", concepts.size());
        counts.put("phrases", phrases.values().stream().mapToInt(List::size).sum());
    }

    private Scene sample(SplittableRandom rng) {
        return domain == Domain.SHAPES ? shapeSampler.sample(rng) : garmentSampler.sample(rng);
    }

    private String name(Split split, int index) {
        return String.format("%s-%s-%06d", domain.id(), split.id(), index);
    }

    /**
     * Queries of a split and its images: per query the reference, target, extra targets and near misses,
     * then random distractors up to the gallery size; the order is shuffled before naming so that a
     * name says nothing about an image's role.
     */
    private QuerySplit querySplit(Split split, int count, int gallery) {
        String d = domain.id();
        QueryFactory.Options opts = new QueryFactory.Options(split == Split.TEST, cfg.heldOutShare(),
                split.isEvaluation() ? cfg.maxExtraTargets() : 0, WorldConfig.NEAR_MISSES);
        List<ComposedQuery> qs = workers.map(d + ": " + split + " queries", count,
                q -> factory.make(opts, Seeds.stream(cfg.seed(), d + "/" + split + "/query", q)));
        List<Scene> pool = new ArrayList<>();
        List<Roles> roles = new ArrayList<>();
        for (ComposedQuery q : qs) {
            int ref = add(pool, q.reference());
            int target = add(pool, q.target());
            List<Integer> extras = new ArrayList<>();
            for (Scene s : q.extraTargets()) {
                extras.add(add(pool, s));
            }
            List<Integer> misses = new ArrayList<>();
            for (Scene s : q.nearMisses()) {
                misses.add(add(pool, s));
            }
            roles.add(new Roles(ref, target, extras, misses));
        }
        int distractors = split.isEvaluation() ? gallery - pool.size() : 0;
        pool.addAll(workers.map(d + ": " + split + " distractors", distractors,
                i -> sample(Seeds.stream(cfg.seed(), d + "/" + split + "/distractor", i))));

        int[] position = shuffledPositions(pool.size(), Seeds.stream(cfg.seed(), d + "/" + split + "/order", 0));
        Image[] images = new Image[pool.size()];
        for (int j = 0; j < pool.size(); j++) {
            images[position[j]] = new Image(name(split, position[j]), split, pool.get(j));
        }
        List<Roles> named = new ArrayList<>();
        for (Roles r : roles) {
            named.add(new Roles(position[r.reference()], position[r.target()], map(r.extras(), position),
                    map(r.misses(), position)));
        }
        return new QuerySplit(split, qs, List.of(images), named);
    }

    private static int add(List<Scene> pool, Scene s) {
        pool.add(s);
        return pool.size() - 1;
    }

    private static List<Integer> map(List<Integer> xs, int[] position) {
        List<Integer> out = new ArrayList<>();
        for (int x : xs) {
            out.add(position[x]);
        }
        return out;
    }

    /** position[j] = where pool item j lands (a Fisher–Yates permutation). */
    private static int[] shuffledPositions(int n, SplittableRandom rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] position = new int[n];
        for (int p = 0; p < n; p++) {
            position[order[p]] = p;
        }
        return position;
    }

    /** Per query: names of every image of its split that satisfies its spec, the target first. */
    private List<List<String>> groundTruth(QuerySplit qs) {
        List<Scene> scenes = new ArrayList<>();
        for (Image im : qs.images()) {
            scenes.add(im.scene());
        }
        GroundTruthIndex index = new GroundTruthIndex(scenes);
        List<List<String>> out = new ArrayList<>();
        for (int q = 0; q < qs.queries().size(); q++) {
            int target = qs.roles().get(q).target();
            List<Integer> hits = index.matches(qs.queries().get(q).spec());
            if (!hits.contains(target)) {
                throw new IllegalStateException("query " + qs.split() + "/" + q + ": its target "
                        + qs.images().get(target).name() + " is not found by the ground-truth index");
            }
            List<String> names = new ArrayList<>();
            names.add(qs.images().get(target).name());
            for (int h : hits) {
                if (h != target) {
                    names.add(qs.images().get(h).name());
                }
            }
            out.add(names);
        }
        return out;
    }

    private QueryRecord record(QuerySplit qs, int q, List<String> gt) {
        ComposedQuery cq = qs.queries().get(q);
        Roles r = qs.roles().get(q);
        return new QueryRecord(q, qs.split(), nameOf(qs, r.reference()), nameOf(qs, r.target()), cq.caption(),
                cq.fashionIqCaptions(), cq.templates(), cq.heldOut(), cq.aspects(), cq.sharedConcept(), cq.edits(),
                cq.spec(), imgSet(qs, q), names(qs, r.extras()), names(qs, r.misses()), gt);
    }

    private static String nameOf(QuerySplit qs, int index) {
        return qs.images().get(index).name();
    }

    private static List<String> names(QuerySplit qs, List<Integer> idx) {
        List<String> out = new ArrayList<>();
        for (int i : idx) {
            out.add(nameOf(qs, i));
        }
        return out;
    }

    /** CIRR subset of six: reference, target and the four near misses, in a per-query shuffled order. */
    private List<String> imgSet(QuerySplit qs, int q) {
        Roles r = qs.roles().get(q);
        List<String> members = new ArrayList<>();
        members.add(nameOf(qs, r.reference()));
        members.add(nameOf(qs, r.target()));
        members.addAll(names(qs, r.misses()));
        SplittableRandom rng = Seeds.stream(cfg.seed(), domain.id() + "/" + qs.split() + "/imgset", q);
        for (int i = members.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            String t = members.get(i);
            members.set(i, members.get(j));
            members.set(j, t);
        }
        return members;
    }

    private Path stored(Image im) {
        return dir.resolve(im.relPath());
    }

    private void writeCirr(List<QuerySplit> splits) throws IOException {
        Path root = dir.resolve("cirr");
        for (QuerySplit qs : splits) {
            List<CirrLayout.Triplet> triplets = new ArrayList<>();
            for (int q = 0; q < qs.queries().size(); q++) {
                Roles r = qs.roles().get(q);
                String target = nameOf(qs, r.target());
                triplets.add(new CirrLayout.Triplet(q, nameOf(qs, r.reference()), target, Map.of(target, 1.0),
                        qs.queries().get(q).caption(), new CirrLayout.ImgSet(q, imgSet(qs, q))));
            }
            Map<String, Path> images = new LinkedHashMap<>();
            for (Image im : qs.images()) {
                images.put(im.name(), stored(im));
            }
            CirrLayout.write(root, qs.split().cirrSplit(), qs.split().cirrFolder(), triplets, images, linker);
        }
    }

    /** CIRCO: one gallery for val and test (as the real COCO unlabelled set), ground truth over all of it. */
    private void writeCirco(QuerySplit val, QuerySplit test) throws IOException {
        List<Image> gallery = new ArrayList<>(val.images());
        gallery.addAll(test.images());
        List<Scene> scenes = new ArrayList<>();
        List<CircoLayout.Image> entries = new ArrayList<>();
        Map<Integer, Path> files = new LinkedHashMap<>();
        for (int i = 0; i < gallery.size(); i++) {
            Image im = gallery.get(i);
            scenes.add(im.scene());
            int id = i + 1;
            entries.add(new CircoLayout.Image(id, im.name() + ".png", im.scene().frame().width(cfg.resolution()),
                    im.scene().frame().height(cfg.resolution())));
            files.put(id, stored(im));
        }
        GroundTruthIndex index = new GroundTruthIndex(scenes);
        Map<String, List<CircoLayout.Annotation>> annotations = new LinkedHashMap<>();
        int offset = 0;
        for (QuerySplit qs : List.of(val, test)) {
            List<CircoLayout.Annotation> list = new ArrayList<>();
            for (int q = 0; q < qs.queries().size(); q++) {
                ComposedQuery cq = qs.queries().get(q);
                Roles r = qs.roles().get(q);
                int targetId = offset + r.target() + 1;
                List<Integer> gt = new ArrayList<>();
                gt.add(targetId);
                for (int h : index.matches(cq.spec())) {
                    if (h + 1 != targetId) {
                        gt.add(h + 1);
                    }
                }
                List<String> aspects = new ArrayList<>();
                for (CircoAspect a : cq.aspects()) {
                    aspects.add(a.displayName());
                }
                list.add(new CircoLayout.Annotation(q, offset + r.reference() + 1, targetId, cq.caption(),
                        cq.sharedConcept(), gt, aspects));
            }
            annotations.put(qs.split().id(), list);
            offset += qs.images().size();
        }
        CircoLayout.write(dir.resolve("circo"), entries, files, annotations, linker);
    }

    /**
     * FashionIQ: per category and split, the triplets whose reference and target are both of that
     * category (coat and category-changing queries have no FashionIQ counterpart), and the split's
     * images of that category.
     */
    private void writeFashionIq(List<QuerySplit> splits) throws IOException {
        Path root = dir.resolve("fashioniq");
        Map<String, Path> allImages = new LinkedHashMap<>();
        int written = 0;
        for (QuerySplit qs : splits) {
            for (String cat : List.of("dress", "shirt", "toptee")) {
                List<FashionIqLayout.Triplet> triplets = new ArrayList<>();
                for (int q = 0; q < qs.queries().size(); q++) {
                    ComposedQuery cq = qs.queries().get(q);
                    if (category(cq.reference()).equals(cat) && category(cq.target()).equals(cat)) {
                        Roles r = qs.roles().get(q);
                        triplets.add(new FashionIqLayout.Triplet(nameOf(qs, r.reference()), nameOf(qs, r.target()),
                                cq.fashionIqCaptions()));
                    }
                }
                List<String> names = new ArrayList<>();
                for (Image im : qs.images()) {
                    if (category(im.scene()).equals(cat)) {
                        names.add(im.name());
                        allImages.put(im.name(), stored(im));
                    }
                }
                FashionIqLayout.writeSplit(root, cat, qs.split().id(), triplets, names);
                written += triplets.size();
            }
        }
        FashionIqLayout.writeImages(root, allImages, linker);
        counts.put("fashioniq_triplets", written);
    }

    private static String category(Scene s) {
        return ((GarmentScene) s).garment().category().fashionIqCategory().orElse("");
    }

    private void addWords(String text) {
        vocabulary.addAll(org.cir4j.world.text.Lexicon.pieces(text));
    }

}
