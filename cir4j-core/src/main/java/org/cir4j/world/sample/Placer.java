package org.cir4j.world.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.cir4j.world.scene.Region;
import org.cir4j.world.scene.SceneObject;
import org.cir4j.world.spec.Constraint;
import org.cir4j.world.spec.InRegion;

/**
 * Places objects on the canvas: inside the borders, without overlap, and so that every given
 * constraint holds (rejection sampling, deterministic from the random stream). A region constraint
 * restricts sampling to the region's clear interior, so that a stated placement is also visibly true.
 */
public final class Placer {
    /** Gap between object discs and from the border (canvas fractions). */
    public static final double GAP = 0.02;
    private static final int TRIES_PER_OBJECT = 120;
    private static final int RESTARTS = 40;

    private Placer() {}

    /**
     * @param objects     objects with attributes and jitter (positions of {@code keep} indices are kept if valid)
     * @param constraints constraints over indices of {@code objects}
     * @param keep        indices whose current positions should be kept when possible
     * @return placed objects, or empty when no valid layout was found
     */
    public static Optional<List<SceneObject>> place(List<SceneObject> objects, List<Constraint> constraints,
                                                    Set<Integer> keep, SplittableRandom rng) {
        int n = objects.size();
        Region[] regionOf = new Region[n];
        for (Constraint c : constraints) {
            if (c instanceof InRegion r) {
                if (regionOf[r.object()] != null && regionOf[r.object()] != r.region()) {
                    return Optional.empty();
                }
                regionOf[r.object()] = r.region();
            }
        }
        // First try: keep what can be kept, place the rest.
        SceneObject[] placed = new SceneObject[n];
        for (int i = 0; i < n; i++) {
            if (keep.contains(i)) {
                SceneObject o = objects.get(i);
                if (fits(o, regionOf[i]) && !overlaps(o, placed)) {
                    placed[i] = o;
                }
            }
        }
        if (tryPlaceRest(objects, constraints, regionOf, placed, rng)) {
            return Optional.of(List.of(placed));
        }
        for (int attempt = 0; attempt < RESTARTS; attempt++) {
            SceneObject[] fresh = new SceneObject[n];
            if (tryPlaceRest(objects, constraints, regionOf, fresh, rng)) {
                return Optional.of(List.of(fresh));
            }
        }
        return Optional.empty();
    }

    /** Random layout without constraints. */
    public static Optional<List<SceneObject>> place(List<SceneObject> objects, SplittableRandom rng) {
        return place(objects, List.of(), Set.of(), rng);
    }

    private static boolean tryPlaceRest(List<SceneObject> objects, List<Constraint> constraints, Region[] regionOf,
                                        SceneObject[] placed, SplittableRandom rng) {
        // Constrained objects first: their admissible area is smallest.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            if (placed[i] == null && regionOf[i] != null) {
                order.add(i);
            }
        }
        for (int i = 0; i < objects.size(); i++) {
            if (placed[i] == null && regionOf[i] == null) {
                order.add(i);
            }
        }
        if (!constraintsHold(constraints, placed)) {
            Arrays.fill(placed, null);
            return tryPlaceRest(objects, constraints, regionOf, placed, rng, allIndices(objects.size(), regionOf));
        }
        return tryPlaceRest(objects, constraints, regionOf, placed, rng, order);
    }

    private static boolean tryPlaceRest(List<SceneObject> objects, List<Constraint> constraints, Region[] regionOf,
                                        SceneObject[] placed, SplittableRandom rng, List<Integer> order) {
        for (int i : order) {
            SceneObject o = objects.get(i);
            double r = o.radius();
            double[] xr = interval(r, regionOf[i] == null ? -1 : regionOf[i].column());
            double[] yr = interval(r, regionOf[i] == null ? -1 : regionOf[i].row());
            if (xr[0] > xr[1] || yr[0] > yr[1]) {
                return false;
            }
            boolean done = false;
            for (int t = 0; t < TRIES_PER_OBJECT && !done; t++) {
                SceneObject c = o.at(Draw.uniform(rng, xr[0], xr[1]), Draw.uniform(rng, yr[0], yr[1]));
                if (overlaps(c, placed)) {
                    continue;
                }
                placed[i] = c;
                if (constraintsHold(constraints, placed)) {
                    done = true;
                } else {
                    placed[i] = null;
                }
            }
            if (!done) {
                Arrays.fill(placed, null);
                return false;
            }
        }
        return true;
    }

    private static List<Integer> allIndices(int n, Region[] regionOf) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (regionOf[i] != null) {
                order.add(i);
            }
        }
        for (int i = 0; i < n; i++) {
            if (regionOf[i] == null) {
                order.add(i);
            }
        }
        return order;
    }

    /** Admissible centre interval along one axis; {@code cell} -1 means anywhere. */
    private static double[] interval(double r, int cell) {
        double lo = r + GAP;
        double hi = 1 - r - GAP;
        if (cell >= 0) {
            lo = Math.max(lo, Region.clearLow(cell));
            hi = Math.min(hi, Region.clearHigh(cell));
        }
        return new double[] {lo, hi};
    }

    /** Whether an object lies inside the canvas (and its region's clear interior, if given). */
    static boolean fits(SceneObject o, Region region) {
        double r = o.radius();
        if (o.x() < r + GAP || o.x() > 1 - r - GAP || o.y() < r + GAP || o.y() > 1 - r - GAP) {
            return false;
        }
        return region == null || region.clearlyContains(o.x(), o.y());
    }

    static boolean overlaps(SceneObject o, SceneObject[] placed) {
        for (SceneObject p : placed) {
            if (p != null && p != o && Math.hypot(p.x() - o.x(), p.y() - o.y()) < p.radius() + o.radius() + GAP) {
                return true;
            }
        }
        return false;
    }

    /** Whether all constraints whose objects are placed hold. */
    private static boolean constraintsHold(List<Constraint> constraints, SceneObject[] placed) {
        List<SceneObject> view = Arrays.asList(placed);
        for (Constraint c : constraints) {
            if (c.decidable(view) && !c.holds(view)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a complete layout is valid: in bounds, no overlap, all constraints hold. */
    public static boolean valid(List<SceneObject> objects, List<Constraint> constraints) {
        SceneObject[] arr = objects.toArray(new SceneObject[0]);
        for (SceneObject o : arr) {
            if (!fits(o, null) || overlaps(o, arr)) {
                return false;
            }
        }
        return constraintsHold(constraints, arr);
    }
}
