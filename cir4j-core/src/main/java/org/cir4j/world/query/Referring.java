package org.cir4j.world.query;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.cir4j.world.scene.Orientation;
import org.cir4j.world.scene.Pattern;
import org.cir4j.world.scene.SceneObject;
import org.cir4j.world.spec.ObjectSpec;

/**
 * Referring expressions for shapes: the shortest description ("circle", "red circle", "small
 * striped circle") that picks out the intended object(s) and nothing else in the current target
 * draft. An object whose attribute may still take several values (after a comparative) counts as
 * possibly matching any of them, so a description is never ambiguous in any ground-truth image.
 */
final class Referring {
    enum Attr { SIZE, ORIENTATION, COLOUR, PATTERN }

    private Referring() {}

    /**
     * @param referents slots meant (all with the key of {@code basis})
     * @param others    the specs of every other slot
     * @param excluded  an attribute the description must not use (e.g. size for "make it bigger")
     */
    static Optional<Set<Attr>> distinguishing(SceneObject basis, List<ObjectSpec> others, Attr excluded,
                                              SplittableRandom rng) {
        List<Set<Attr>> bySize = new ArrayList<>();
        for (int mask = 0; mask < 16; mask++) {
            EnumSet<Attr> s = EnumSet.noneOf(Attr.class);
            for (Attr a : Attr.values()) {
                if ((mask & (1 << a.ordinal())) != 0) {
                    s.add(a);
                }
            }
            if (excluded != null && s.contains(excluded)) {
                continue;
            }
            if (s.contains(Attr.ORIENTATION) && !basis.shape().orientable()) {
                continue;
            }
            bySize.add(s);
        }
        for (int size = 0; size <= 4; size++) {
            List<Set<Attr>> ok = new ArrayList<>();
            for (Set<Attr> s : bySize) {
                if (s.size() == size && excludesAll(basis, s, others)) {
                    ok.add(s);
                }
            }
            if (!ok.isEmpty()) {
                return Optional.of(ok.get(rng.nextInt(ok.size())));
            }
        }
        return Optional.empty();
    }

    private static boolean excludesAll(SceneObject basis, Set<Attr> attrs, List<ObjectSpec> others) {
        for (ObjectSpec o : others) {
            if (mayMatch(o, basis, attrs)) {
                return false;
            }
        }
        return true;
    }

    private static boolean mayMatch(ObjectSpec o, SceneObject basis, Set<Attr> attrs) {
        if (!o.shapes().contains(basis.shape())) {
            return false;
        }
        for (Attr a : attrs) {
            boolean m = switch (a) {
                case SIZE -> o.sizes().contains(basis.size());
                case COLOUR -> o.colours().contains(basis.colour());
                case PATTERN -> o.patterns().contains(basis.pattern());
                case ORIENTATION -> o.orientations().contains(basis.orientation());
            };
            if (!m) {
                return false;
            }
        }
        return true;
    }

    /** "small red striped circle" (bare, singular or plural). */
    static String phrase(SceneObject o, Set<Attr> attrs, boolean plural) {
        List<String> w = new ArrayList<>();
        if (attrs.contains(Attr.SIZE)) {
            w.add(o.size().word());
        }
        if (attrs.contains(Attr.ORIENTATION)) {
            w.add(o.orientation().word());
        }
        if (attrs.contains(Attr.COLOUR)) {
            w.add(o.colour().word());
        }
        if (attrs.contains(Attr.PATTERN)) {
            w.add(o.pattern().word());
        }
        w.add(plural ? o.shape().plural() : o.shape().noun());
        return String.join(" ", w);
    }

    /**
     * Full description of a new object: size, orientation when upside down, colour, pattern unless
     * plain (plain is the unmarked default), noun.
     */
    static String full(SceneObject o) {
        EnumSet<Attr> attrs = EnumSet.of(Attr.SIZE, Attr.COLOUR);
        if (o.pattern() != Pattern.PLAIN) {
            attrs.add(Attr.PATTERN);
        }
        if (o.orientation() == Orientation.UPSIDE_DOWN) {
            attrs.add(Attr.ORIENTATION);
        }
        return phrase(o, attrs, false);
    }
}
