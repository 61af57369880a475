package org.cir4j.world.query;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cir4j.world.text.Form;
import org.cir4j.world.text.Phrasings;
import org.cir4j.world.text.Template;
import org.cir4j.world.text.Words;

/** One applied edit, ready to be phrased: its family, slot values and record. */
record Clause(String family, Map<String, String> slots, EditRecord record) {

    static Clause of(String family, CircoAspect aspect, String summary, Map<String, String> slots, List<String> mentions) {
        return new Clause(family, Map.copyOf(slots), new EditRecord(family, aspect, summary, mentions));
    }

    /** A phrased clause and the template it used. */
    record Phrased(String text, Template template) {}

    Phrased phrase(Form form, boolean allowHeldOut, double heldOutShare, SplittableRandom rng) {
        Template t = Phrasings.pick(family, form, allowHeldOut, heldOutShare, rng);
        return new Phrased(Words.fill(t.text(), slots), t);
    }
}
