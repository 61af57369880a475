package org.cir4j.world.query;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.cir4j.world.sample.Draw;
import org.cir4j.world.sample.Placer;
import org.cir4j.world.sample.ShapeSceneSampler;
import org.cir4j.world.scene.Background;
import org.cir4j.world.scene.BackgroundColour;
import org.cir4j.world.scene.Colour;
import org.cir4j.world.scene.Orientation;
import org.cir4j.world.scene.Region;
import org.cir4j.world.scene.Relation;
import org.cir4j.world.scene.SceneObject;
import org.cir4j.world.scene.ShapeScene;
import org.cir4j.world.scene.Texture;
import org.cir4j.world.spec.Constraint;
import org.cir4j.world.spec.InRegion;
import org.cir4j.world.spec.ObjectSpec;
import org.cir4j.world.spec.Related;
import org.cir4j.world.spec.ShapeTarget;

/**
 * A shapes target under construction: starts as "exactly the reference" and is changed by edits.
 * Each slot keeps the spec of one target object and a concrete basis object (the reference object it
 * came from, or the new one) used to phrase it and to render the target close to the reference.
 */
final class ShapeDraft {

    static final class Slot {
        ObjectSpec spec;
        SceneObject basis;
        /** Whether the target rendering should keep the basis position (objects the caption did not move). */
        boolean keepPosition;
        boolean fromRef;
        boolean touched;

        Slot(ObjectSpec spec, SceneObject basis, boolean keepPosition, boolean fromRef) {
            this.spec = spec;
            this.basis = basis;
            this.keepPosition = keepPosition;
            this.fromRef = fromRef;
        }

        Slot copy() {
            Slot s = new Slot(spec, basis, keepPosition, fromRef);
            s.touched = touched;
            return s;
        }
    }

    /** A placement statement over slots (turned into index-based constraints at the end). */
    record Placement(Slot subject, Relation relation, Slot object, Region region) {}

    final ShapeScene ref;
    Set<BackgroundColour> backgrounds;
    Set<Texture> textures;
    boolean backgroundTouched;
    /** Set by whole-image edits (mirror, rotate): nothing else may be combined with them. */
    boolean exclusive;
    final List<Slot> slots = new ArrayList<>();
    final List<Placement> placements = new ArrayList<>();

    private ShapeDraft(ShapeScene ref) {
        this.ref = ref;
    }

    static ShapeDraft of(ShapeScene ref) {
        ShapeDraft d = new ShapeDraft(ref);
        d.backgrounds = EnumSet.of(ref.background().colour());
        d.textures = EnumSet.of(ref.background().texture());
        for (SceneObject o : ref.objects()) {
            d.slots.add(new Slot(ObjectSpec.exactly(o), o, true, true));
        }
        return d;
    }

    ShapeDraft copy() {
        ShapeDraft d = new ShapeDraft(ref);
        d.backgrounds = EnumSet.copyOf(backgrounds);
        d.textures = EnumSet.copyOf(textures);
        d.backgroundTouched = backgroundTouched;
        d.exclusive = exclusive;
        Map<Slot, Slot> map = new IdentityHashMap<>();
        for (Slot s : slots) {
            Slot c = s.copy();
            map.put(s, c);
            d.slots.add(c);
        }
        for (Placement p : placements) {
            d.placements.add(new Placement(map.get(p.subject()), p.relation(),
                    p.object() == null ? null : map.get(p.object()), p.region()));
        }
        return d;
    }

    boolean untouched() {
        if (backgroundTouched || exclusive) {
            return false;
        }
        for (Slot s : slots) {
            if (s.touched) {
                return false;
            }
        }
        return slots.size() == ref.objects().size();
    }

    /** The single background colour (edits keep the set a singleton). */
    BackgroundColour background() {
        return backgrounds.iterator().next();
    }

    /** Specs of every slot except {@code excluded}. */
    List<ObjectSpec> specsExcept(List<Slot> excluded) {
        Set<Slot> ex = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        ex.addAll(excluded);
        List<ObjectSpec> out = new ArrayList<>();
        for (Slot s : slots) {
            if (!ex.contains(s)) {
                out.add(s.spec);
            }
        }
        return out;
    }

    /** Untouched slots grouped by semantic key, in slot order. */
    List<List<Slot>> untouchedGroups() {
        List<List<Slot>> groups = new ArrayList<>();
        Set<SceneObject.ObjectKey> seen = new HashSet<>();
        for (Slot s : slots) {
            if (s.touched || !seen.add(s.basis.key())) {
                continue;
            }
            List<Slot> g = new ArrayList<>();
            boolean clean = true;
            for (Slot t : slots) {
                if (t.basis.key().equals(s.basis.key())) {
                    g.add(t);
                    clean &= !t.touched;
                }
            }
            if (clean) {
                groups.add(g);
            }
        }
        return groups;
    }

    List<Slot> untouchedSlots() {
        List<Slot> out = new ArrayList<>();
        for (Slot s : slots) {
            if (!s.touched) {
                out.add(s);
            }
        }
        return out;
    }

    ShapeTarget toSpec() {
        List<ObjectSpec> specs = new ArrayList<>();
        for (Slot s : slots) {
            specs.add(s.spec);
        }
        List<Constraint> cs = new ArrayList<>();
        for (Placement p : placements) {
            int a = indexOf(p.subject());
            if (p.region() != null) {
                cs.add(new InRegion(a, p.region()));
            } else {
                cs.add(new Related(a, p.relation(), indexOf(p.object())));
            }
        }
        return new ShapeTarget(backgrounds, textures, specs, cs);
    }

    private int indexOf(Slot s) {
        for (int i = 0; i < slots.size(); i++) {
            if (slots.get(i) == s) {
                return i;
            }
        }
        throw new IllegalStateException("placement refers to a removed object");
    }

    /**
     * A concrete scene satisfying the draft.
     *
     * @param nearReference keep the reference background nuisance choice, the basis attribute values
     *                      and the positions of unmoved objects (the "target rendering"); otherwise draw
     *                      allowed values and a new layout freely (extra ground truths)
     */
    Optional<ShapeScene> realise(ShapeSceneSampler sampler, boolean nearReference, SplittableRandom rng) {
        BackgroundColour bgc = nearReference && backgrounds.contains(ref.background().colour())
                ? ref.background().colour() : Draw.one(rng, backgrounds);
        Texture tex = nearReference && textures.contains(ref.background().texture())
                ? ref.background().texture() : Draw.one(rng, textures);
        Background bg = sampler.background(rng, bgc, tex);
        List<SceneObject> objs = new ArrayList<>();
        Set<Integer> keep = new HashSet<>();
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            Optional<SceneObject> o = concrete(s, bgc, nearReference, rng);
            if (o.isEmpty()) {
                return Optional.empty();
            }
            objs.add(o.get().withJitter(sampler.objectJitter(rng)));
            if (nearReference && s.keepPosition) {
                keep.add(i);
            }
        }
        return Placer.place(objs, toSpec().constraints(), keep, rng).map(placed -> new ShapeScene(bg, placed));
    }

    private static Optional<SceneObject> concrete(Slot s, BackgroundColour bg, boolean nearReference,
                                                  SplittableRandom rng) {
        SceneObject b = s.basis;
        ObjectSpec sp = s.spec;
        List<Colour> colours = new ArrayList<>();
        for (Colour c : sp.colours()) {
            if (c.contrastsWith(bg)) {
                colours.add(c);
            }
        }
        if (colours.isEmpty()) {
            return Optional.empty();
        }
        var shape = nearReference && sp.shapes().contains(b.shape()) ? b.shape() : Draw.one(rng, sp.shapes());
        Colour colour = nearReference && colours.contains(b.colour()) ? b.colour() : Draw.one(rng, colours);
        var size = nearReference && sp.sizes().contains(b.size()) ? b.size() : Draw.one(rng, sp.sizes());
        var pattern = nearReference && sp.patterns().contains(b.pattern()) ? b.pattern() : Draw.one(rng, sp.patterns());
        Orientation or = nearReference && sp.orientations().contains(b.orientation()) ? b.orientation()
                : Draw.one(rng, sp.orientations());
        return Optional.of(new SceneObject(shape, colour, size, pattern, or, b.x(), b.y(), b.jitter()));
    }
}
