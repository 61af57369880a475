package org.cir4j.world.query;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.cir4j.world.Domain;
import org.cir4j.world.sample.Draw;
import org.cir4j.world.sample.GarmentSceneSampler;
import org.cir4j.world.sample.ShapeSceneSampler;
import org.cir4j.world.scene.GarmentScene;
import org.cir4j.world.scene.Scene;
import org.cir4j.world.scene.SceneObject;
import org.cir4j.world.scene.ShapeKind;
import org.cir4j.world.scene.ShapeScene;
import org.cir4j.world.spec.TargetSpec;
import org.cir4j.world.text.Form;
import org.cir4j.world.text.Phrasings;
import org.cir4j.world.text.Template;
import org.cir4j.world.text.Words;

/**
 * Makes composed queries: draws a reference, an aspect (uniformly over CIRCO's nine, so per-aspect
 * results have comparable support), applies one edit (or two for a conjunction), phrases the caption,
 * and renders the target, extra ground truths and near misses. Pure function of its random stream.
 */
public final class QueryFactory {
    private static final int ATTEMPTS = 40;

    /**
     * @param allowHeldOut  whether held-out phrasings may be used (test split only)
     * @param heldOutShare  probability of a held-out phrasing when allowed and available
     * @param maxExtraTargets extra ground-truth renderings per query: 0 to this many
     * @param nearMisses    near misses per query (4 for CIRR-style sets of six)
     */
    public record Options(boolean allowHeldOut, double heldOutShare, int maxExtraTargets, int nearMisses) {}

    private final Domain domain;
    private final ShapeSceneSampler shapeSampler = new ShapeSceneSampler();
    private final GarmentSceneSampler garmentSampler = new GarmentSceneSampler();
    private final ShapeEdits shapeEdits = new ShapeEdits(shapeSampler);
    private final GarmentEdits garmentEdits = new GarmentEdits();
    private final NearMisses nearMisses = new NearMisses(shapeSampler, garmentSampler);

    public QueryFactory(Domain domain) {
        this.domain = domain;
    }

    /** A query on a freshly drawn reference (drawing new references until one admits the chosen aspect). */
    public ComposedQuery make(Options opts, SplittableRandom rng) {
        CircoAspect aspect = Draw.one(rng, CircoAspect.values());
        for (int refs = 0; refs < 1000; refs++) {
            Scene ref = domain == Domain.SHAPES ? shapeSampler.sample(rng) : garmentSampler.sample(rng);
            Optional<ComposedQuery> q = make(ref, aspect, opts, rng);
            if (q.isPresent()) {
                return q.get();
            }
        }
        throw new IllegalStateException("no " + domain + " query of aspect '" + aspect + "' after 1000 references");
    }

    /** A query of {@code aspect} on {@code ref}, or empty when the reference does not admit one. */
    public Optional<ComposedQuery> make(Scene ref, CircoAspect aspect, Options opts, SplittableRandom rng) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<ComposedQuery> q = domain == Domain.SHAPES
                    ? shapeQuery((ShapeScene) ref, aspect, opts, rng)
                    : garmentQuery((GarmentScene) ref, aspect, opts, rng);
            if (q.isPresent()) {
                return q;
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ shapes

    private Optional<ComposedQuery> shapeQuery(ShapeScene ref, CircoAspect aspect, Options opts, SplittableRandom rng) {
        ShapeDraft d = ShapeDraft.of(ref);
        List<Clause> clauses = new ArrayList<>();
        if (aspect == CircoAspect.STATEMENT_WITH_CONJUNCTION) {
            for (int part = 0; part < 2; part++) {
                Optional<Clause> c = Optional.empty();
                for (int k = 0; k < 6 && c.isEmpty(); k++) {
                    ShapeEdits.Kind kind = ShapeEdits.kindFor(partAspect(rng, false), rng);
                    ShapeDraft trial = d.copy();
                    c = shapeEdits.apply(kind, trial, rng);
                    if (c.isPresent()) {
                        d = trial;
                    }
                }
                if (c.isEmpty()) {
                    return Optional.empty();
                }
                clauses.add(c.get());
            }
        } else {
            Optional<Clause> c = shapeEdits.apply(ShapeEdits.kindFor(aspect, rng), d, rng);
            if (c.isEmpty()) {
                return Optional.empty();
            }
            clauses.add(c.get());
        }
        TargetSpec spec = d.toSpec();
        if (spec.isSatisfiedBy(ref)) {
            return Optional.empty();
        }
        Optional<ShapeScene> target = d.realise(shapeSampler, true, rng);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        check(spec, target.get(), "target");
        Set<Integer> focus = new HashSet<>();
        for (int i = 0; i < d.slots.size(); i++) {
            if (d.slots.get(i).touched) {
                focus.add(i);
            }
        }
        List<Scene> extras = new ArrayList<>();
        int wanted = opts.maxExtraTargets() == 0 ? 0 : rng.nextInt(opts.maxExtraTargets() + 1);
        for (int k = 0; k < wanted * 3 && extras.size() < wanted; k++) {
            d.realise(shapeSampler, false, rng).ifPresent(s -> {
                check(spec, s, "extra target");
                extras.add(s);
            });
        }
        List<Scene> misses = nearMisses.make(target.get(), spec, focus, NearMisses.noFocus(), opts.nearMisses(), rng);
        if (misses.size() < opts.nearMisses()) {
            return Optional.empty();
        }
        return Optional.of(assemble(ref, target.get(), spec, clauses, aspect, sharedConcept(ref, d), extras, misses,
                opts, rng, 0.5));
    }

    private static String sharedConcept(ShapeScene ref, ShapeDraft d) {
        Set<ShapeKind> before = EnumSet.noneOf(ShapeKind.class);
        for (SceneObject o : ref.objects()) {
            before.add(o.shape());
        }
        for (ShapeDraft.Slot s : d.slots) {
            if (!s.touched && before.contains(s.basis.shape())) {
                return s.basis.shape().noun();
            }
        }
        for (ShapeDraft.Slot s : d.slots) {
            if (s.spec.shapes().size() == 1 && before.contains(s.basis.shape())) {
                return s.basis.shape().noun();
            }
        }
        return "shape";
    }

    // ------------------------------------------------------------------ garments

    private Optional<ComposedQuery> garmentQuery(GarmentScene ref, CircoAspect aspect, Options opts,
                                                 SplittableRandom rng) {
        GarmentDraft d = GarmentDraft.of(ref);
        List<Clause> clauses = new ArrayList<>();
        if (aspect == CircoAspect.STATEMENT_WITH_CONJUNCTION) {
            for (int part = 0; part < 2; part++) {
                Optional<Clause> c = Optional.empty();
                for (int k = 0; k < 6 && c.isEmpty(); k++) {
                    GarmentDraft trial = d.copy();
                    c = garmentEdits.apply(GarmentEdits.kindFor(partAspect(rng, true), rng), trial, rng);
                    if (c.isPresent()) {
                        d = trial;
                    }
                }
                if (c.isEmpty()) {
                    return Optional.empty();
                }
                clauses.add(c.get());
            }
        } else {
            Optional<Clause> c = garmentEdits.apply(GarmentEdits.kindFor(aspect, rng), d, rng);
            if (c.isEmpty()) {
                return Optional.empty();
            }
            clauses.add(c.get());
        }
        TargetSpec spec = d.toSpec();
        if (spec.isSatisfiedBy(ref)) {
            return Optional.empty();
        }
        Optional<GarmentScene> target = d.realise(garmentSampler, true, rng);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        check(spec, target.get(), "target");
        List<Scene> extras = new ArrayList<>();
        int wanted = opts.maxExtraTargets() == 0 ? 0 : rng.nextInt(opts.maxExtraTargets() + 1);
        for (int k = 0; k < wanted * 3 && extras.size() < wanted; k++) {
            d.realise(garmentSampler, false, rng).ifPresent(s -> {
                check(spec, s, "extra target");
                extras.add(s);
            });
        }
        List<Scene> misses = nearMisses.make(target.get(), spec, Set.of(), d.touched, opts.nearMisses(), rng);
        if (misses.size() < opts.nearMisses()) {
            return Optional.empty();
        }
        String shared = target.get().garment().category() == ref.garment().category()
                ? ref.garment().category().noun() : "garment";
        return Optional.of(assemble(ref, target.get(), spec, clauses, aspect, shared, extras, misses, opts, rng, 0.6));
    }

    // ------------------------------------------------------------------ common

    /** Aspect of one half of a conjunction: anything but conjunction (and, for shapes, whole-image viewpoint). */
    private static CircoAspect partAspect(SplittableRandom rng, boolean viewpointAllowed) {
        List<CircoAspect> options = new ArrayList<>();
        for (CircoAspect a : CircoAspect.values()) {
            if (a != CircoAspect.STATEMENT_WITH_CONJUNCTION && (viewpointAllowed || a != CircoAspect.VIEWPOINT)) {
                options.add(a);
            }
        }
        return Draw.one(rng, options);
    }

    private static void check(TargetSpec spec, Scene s, String what) {
        if (!spec.isSatisfiedBy(s)) {
            throw new IllegalStateException("generated " + what + " does not satisfy its own spec: " + s + " vs " + spec);
        }
    }

    private ComposedQuery assemble(Scene ref, Scene target, TargetSpec spec, List<Clause> clauses, CircoAspect aspect,
                                   String shared, List<Scene> extras, List<Scene> misses, Options opts,
                                   SplittableRandom rng, double predicateShare) {
        Form form = Draw.chance(rng, predicateShare) ? Form.PREDICATE : Form.IMPERATIVE;
        List<Template> used = new ArrayList<>();
        String caption = phrase(clauses, form, opts, rng, used);
        List<String> fiq = new ArrayList<>();
        if (clauses.size() == 2 && rng.nextBoolean()) {
            // FashionIQ annotators often split a change between their two captions.
            for (Clause c : clauses) {
                fiq.add(phrase(List.of(c), Form.PREDICATE, opts, rng, used));
            }
        } else {
            fiq.add(phrase(clauses, Form.PREDICATE, opts, rng, used));
            // Two annotators rarely write the same sentence: prefer a second, different phrasing.
            String second = null;
            List<Template> secondUsed = List.of();
            for (int t = 0; t < 6; t++) {
                List<Template> trial = new ArrayList<>();
                String text = phrase(clauses, Form.PREDICATE, opts, rng, trial);
                if (second == null || !text.equals(fiq.get(0))) {
                    second = text;
                    secondUsed = trial;
                }
                if (!text.equals(fiq.get(0))) {
                    break;
                }
            }
            used.addAll(secondUsed);
            fiq.add(second);
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        boolean held = false;
        for (Template t : used) {
            ids.add(t.id());
            held |= t.heldOut();
        }
        EnumSet<CircoAspect> aspects = EnumSet.of(aspect);
        List<EditRecord> edits = new ArrayList<>();
        for (Clause c : clauses) {
            aspects.add(c.record().aspect());
            edits.add(c.record());
        }
        return new ComposedQuery(ref, target, spec, caption, fiq, new ArrayList<>(ids), held, new ArrayList<>(aspects),
                edits, shared, extras, misses);
    }

    private static String phrase(List<Clause> clauses, Form form, Options opts, SplittableRandom rng, List<Template> used) {
        List<String> parts = new ArrayList<>();
        for (Clause c : clauses) {
            Clause.Phrased p = c.phrase(form, opts.allowHeldOut(), opts.heldOutShare(), rng);
            used.add(p.template());
            parts.add(p.text());
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Template conj = Phrasings.pick("conjunction", form, opts.allowHeldOut(), opts.heldOutShare(), rng);
        used.add(conj);
        return Words.fill(conj.text(), Map.of("a", parts.get(0), "b", parts.get(1)));
    }
}
