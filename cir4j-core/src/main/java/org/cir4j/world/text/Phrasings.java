package org.cir4j.world.text;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Every phrasing of every relative-caption family, each family with predicate and imperative forms
 * and at least one held-out template. Slots: {@code {the}} a referring expression with its article
 * ("the red circle"), {@code {o}} / {@code {os}} the bare descriptor singular / plural, {@code {v}} a
 * value word, {@code {n}} a number word, {@code {things}} a counted noun phrase, {@code {new}} a full
 * noun phrase with its article, {@code {loc}} / {@code {dir}} a region as place / destination,
 * {@code {rel}} a relation, {@code {the2}} a second referring expression, {@code {cmp}} a comparative,
 * {@code {a}} / {@code {b}} the clauses of a conjunction.
 *
 * <p>Held-out templates use wording that no other template produces (checked by a test through
 * {@link Template#regex()}), so their absence from training data is verifiable on the text alone.
 */
public final class Phrasings {

    private static final Map<String, List<Template>> FAMILIES = new LinkedHashMap<>();

    static {
        // ---------------------------------------------------------------- shapes
        family("shapes.cardinality")
                .p("has {n} {things}", "has exactly {n} {things}", "contains {n} {things}")
                .ph("shows {n} {things} in total")
                .i("make it {n} {things}", "change the number of {os} to {n}")
                .ih("adjust the count of {os} to {n}");
        family("shapes.addition")
                .p("also has {new}", "has {new} as well", "has an extra {newbare}")
                .ph("additionally shows {new}")
                .i("add {new}", "put {new} in it")
                .ih("include {new} too");
        family("shapes.negation")
                .p("does not have {the}", "has no {os}", "is without {the}")
                .ph("lacks {the}")
                .i("remove {the}", "take away {the}")
                .ih("get rid of {the}");
        family("shapes.direct.colour")
                .p("has {the} in {v}", "has {the} coloured {v}")
                .ph("shows {the} painted {v}")
                .i("make {the} {v}", "change the colour of {the} to {v}", "colour {the} {v}")
                .ih("paint {the} {v}");
        family("shapes.direct.pattern")
                .p("has {the} {v}", "shows {the} {v}")
                .ph("has {the} turned {v}")
                .i("make {the} {v}", "change the pattern of {the} to {v}")
                .ih("switch {the} to {v}");
        family("shapes.direct.orientation")
                .p("has {the} {v}", "shows {the} {v}")
                .ph("has {the} standing {v}")
                .i("turn {the} {v}", "flip {the} {v}")
                .ih("set {the} {v}");
        family("shapes.compare.shape")
                .p("has {s} instead of {the}", "has {s} in place of {the}")
                .ph("shows {s} rather than {the}")
                .i("replace {the} with {s}", "change {the} into {s}", "turn {the} into {s}")
                .ih("swap {the} for {s}");
        family("shapes.comparative.size")
                .p("has a {cmp} {o}", "has {the} {cmp}")
                .ph("shows {the} at a {cmp} size")
                .i("make {the} {cmp}", "make {the} a bit {cmp}")
                .ih("scale {the} to be {cmp}");
        family("shapes.background.colour")
                .p("is on a {v} background", "has a {v} background")
                .ph("sits against a {v} background")
                .i("change the background to {v}", "make the background {v}")
                .ih("use a {v} backdrop");
        family("shapes.background.texture")
                .p("has a {v} background", "is on a {v} background")
                .ph("sits against a {v} backdrop")
                .i("make the background {v}", "change the background to {v}")
                .ih("give it a {v} backdrop");
        family("shapes.spatial.region")
                .p("has {the} {loc}", "has {the} placed {loc}")
                .ph("shows {the} sitting {loc}")
                .i("move {the} {dir}", "put {the} {loc}")
                .ih("shift {the} {dir}");
        family("shapes.spatial.relation")
                .p("has {the} {rel} {the2}", "has {the} placed {rel} {the2}")
                .ph("shows {the} positioned {rel} {the2}")
                .i("put {the} {rel} {the2}", "move {the} {rel} {the2}")
                .ih("position {the} {rel} {the2}");
        family("shapes.viewpoint.mirror")
                .p("is mirrored", "is flipped horizontally")
                .ph("is the mirror image")
                .i("mirror it", "flip it horizontally")
                .ih("flip the picture left to right");
        family("shapes.viewpoint.rotate")
                .p("is upside down", "is rotated by 180 degrees")
                .ph("is turned on its head")
                .i("turn it upside down", "rotate it by 180 degrees")
                .ih("spin the picture half a turn");
        // ---------------------------------------------------------------- garments
        family("garments.cardinality")
                .p("has {things} on it", "has {things} printed on it")
                .ph("carries {things} on the front")
                .i("make it {things}", "change the print to {things}")
                .ih("reprint it with {things}");
        family("garments.addition")
                .p("also has {print}", "has {print} on the front")
                .ph("comes with {print} added")
                .i("add {print}", "put {print} on it")
                .ih("decorate it with {print}");
        family("garments.addition.sleeves")
                .p("also has {v}", "now has {v}")
                .ph("comes with {v} attached")
                .i("add {v}", "put {v} on it")
                .ih("attach {v}");
        family("garments.negation.print")
                .p("has no print", "does not have the {ms}")
                .ph("comes without any print")
                .i("remove the print", "take off the {ms}")
                .ih("get rid of the {ms}");
        family("garments.negation.colour")
                .p("is not {v}", "is any colour but {v}")
                .ph("avoids the colour {v}")
                .i("change it to a colour other than {v}", "make it any colour but {v}")
                .ih("pick any colour except {v}");
        family("garments.negation.pattern")
                .p("is not {v}", "has no {vn}")
                .ph("comes without {vn}")
                .i("remove the {vn}", "take off the {vn}")
                .ih("lose the {vn}");
        family("garments.negation.sleeves")
                .p("has no sleeves", "is sleeveless")
                .ph("comes without sleeves")
                .i("remove the sleeves", "cut off the sleeves")
                .ih("get rid of the sleeves");
        family("garments.direct.colour")
                .p("is {v}", "is in {v}")
                .ph("comes in {v}")
                .i("make it {v}", "change the colour to {v}")
                .ih("dye it {v}");
        family("garments.direct.pattern")
                .p("is {v}", "has {vn}")
                .ph("comes in a {v} fabric")
                .i("make it {v}", "change the pattern to {v}")
                .ih("use a {v} fabric");
        family("garments.direct.neckline")
                .p("has {v}", "features {v}")
                .ph("is cut with {v}")
                .i("give it {v}", "change the neckline to {v}")
                .ih("switch to {v}");
        family("garments.direct.sleeves")
                .p("has {v}", "is {adj}")
                .ph("comes with {v}")
                .i("give it {v}", "make the sleeves {w}")
                .ih("switch to {v}");
        family("garments.compare.category")
                .p("is {c} instead of {old}", "is {c}, not {old}")
                .ph("is {c} rather than {old}")
                .i("change the {oldn} into {c}", "turn the {oldn} into {c}")
                .ih("swap the {oldn} for {c}");
        family("garments.compare.motif")
                .p("has {new} instead of the {old}", "has {new} in place of the {old}")
                .ph("has {new} rather than the {old}")
                .i("replace the {old} with {new}", "change the {old} to {new}")
                .ih("swap the {old} for {new}");
        family("garments.compare.colour")
                .p("is {v} instead of {old}", "is {v}, not {old}")
                .ph("is {v} rather than {old}")
                .i("change it from {old} to {v}", "make it {v} instead of {old}")
                .ih("swap the {old} for {v}");
        family("garments.comparative.length")
                .p("is {cmp}", "is a bit {cmp}")
                .ph("has a {cmp} cut")
                .i("make it {cmp}", "make it a bit {cmp}")
                .ih("alter it to be {cmp}");
        family("garments.comparative.sleeves")
                .p("has {cmp} sleeves", "has sleeves that are {cmp}")
                .ph("comes with {cmp} sleeves")
                .i("make the sleeves {cmp}", "give it {cmp} sleeves")
                .ih("alter the sleeves to be {cmp}");
        family("garments.comparative.prints")
                .p("has {cmp} {ms}", "has {cmp} {ms} on it")
                .ph("shows {cmp} {ms} than before")
                .i("make it have {cmp} {ms}", "use {cmp} {ms}")
                .ih("stitch {cmp} {ms} on");
        family("garments.background.colour")
                .p("is on a {v} background", "has a {v} background")
                .ph("sits against a {v} background")
                .i("change the background to {v}", "make the background {v}")
                .ih("use a {v} backdrop");
        family("garments.background.texture")
                .p("has a {v} background", "is on a {v} background")
                .ph("sits against a {v} backdrop")
                .i("make the background {v}", "change the background to {v}")
                .ih("give it a {v} backdrop");
        family("garments.viewpoint.tilt")
                .p("is tilted", "is shown at an angle")
                .ph("is photographed askew")
                .i("tilt it", "rotate it slightly")
                .ih("turn the photo sideways a little");
        family("garments.viewpoint.straighten")
                .p("is upright", "is shown straight")
                .ph("is photographed level")
                .i("straighten it", "turn it upright")
                .ih("level the photo");
        family("garments.viewpoint.zoom_out")
                .p("is zoomed out", "is shown from further away")
                .ph("is photographed from a distance")
                .i("zoom out", "make it smaller in the frame")
                .ih("step back from it");
        family("garments.viewpoint.zoom_in")
                .p("is zoomed in", "is a closer shot")
                .ph("is photographed up close")
                .i("zoom in", "make it fill the frame")
                .ih("move closer to it");
        // ---------------------------------------------------------------- both
        family("conjunction")
                .p("{a} and {b}", "{a}, and {b}")
                .ph("{a}, plus {b}")
                .i("{a} and {b}", "{a}, and {b}")
                .ih("{a}, plus {b}");
    }

    private Phrasings() {}

    /** All families, in declaration order. */
    public static Map<String, List<Template>> families() {
        return Collections.unmodifiableMap(FAMILIES);
    }

    /** Every held-out template. */
    public static List<Template> heldOut() {
        List<Template> out = new ArrayList<>();
        for (List<Template> ts : FAMILIES.values()) {
            for (Template t : ts) {
                if (t.heldOut()) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    public static List<Template> of(String family) {
        List<Template> ts = FAMILIES.get(family);
        if (ts == null) {
            throw new IllegalArgumentException("unknown phrasing family '" + family + "'");
        }
        return ts;
    }

    /**
     * Chooses a template. Without {@code allowHeldOut} only regular templates qualify; with it a
     * held-out template is taken with probability {@code heldOutShare} (when the family has one in
     * this form).
     */
    public static Template pick(String family, Form form, boolean allowHeldOut, double heldOutShare,
                                SplittableRandom rng) {
        List<Template> regular = new ArrayList<>();
        List<Template> held = new ArrayList<>();
        for (Template t : of(family)) {
            if (t.form() == form) {
                (t.heldOut() ? held : regular).add(t);
            }
        }
        if (regular.isEmpty()) {
            throw new IllegalStateException("family '" + family + "' has no regular " + form + " template");
        }
        if (allowHeldOut && !held.isEmpty() && rng.nextDouble() < heldOutShare) {
            return held.get(rng.nextInt(held.size()));
        }
        return regular.get(rng.nextInt(regular.size()));
    }

    private static Builder family(String key) {
        return new Builder(key);
    }

    private static final class Builder {
        private final String key;
        private final List<Template> list = new ArrayList<>();

        Builder(String key) {
            this.key = key;
            FAMILIES.put(key, list);
        }

        Builder p(String... texts) {
            return add(Form.PREDICATE, false, texts);
        }

        Builder ph(String... texts) {
            return add(Form.PREDICATE, true, texts);
        }

        Builder i(String... texts) {
            return add(Form.IMPERATIVE, false, texts);
        }

        Builder ih(String... texts) {
            return add(Form.IMPERATIVE, true, texts);
        }

        private Builder add(Form form, boolean heldOut, String... texts) {
            for (String t : texts) {
                int n = 0;
                for (Template x : list) {
                    if (x.form() == form) {
                        n++;
                    }
                }
                String id = key + "/" + (form == Form.PREDICATE ? "p" : "i") + n + (heldOut ? "h" : "");
                list.add(new Template(id, key, form, heldOut, t));
            }
            return this;
        }
    }
}
