package org.cir4j.world;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.cir4j.world.text.Form;
import org.cir4j.world.text.Phrasings;
import org.cir4j.world.text.Template;
import org.junit.jupiter.api.Test;

/**
 * Held-out phrasings: every family has them, they never appear in any text outside the test split
 * (checked on the text itself, through each template's pattern), and test captions do use them.
 */
class HeldOutPhrasingTest {
    /** Held-out templates with their compiled patterns (compiled once: the checks run them ~10⁶ times). */
    private static final Map<Template, java.util.regex.Pattern> HELD = new java.util.LinkedHashMap<>();

    static {
        Phrasings.heldOut().forEach(t -> HELD.put(t, t.regex()));
    }

    @Test
    void everyFamilyHasRegularFormsAndAHeldOutTemplate() {
        for (Map.Entry<String, List<Template>> f : Phrasings.families().entrySet()) {
            List<Template> ts = f.getValue();
            for (Form form : Form.values()) {
                assertThat(ts).as(f.getKey() + " regular " + form).anyMatch(t -> t.form() == form && !t.heldOut());
            }
            assertThat(ts).as(f.getKey() + " held-out").anyMatch(Template::heldOut);
        }
    }

    @Test
    void heldOutPatternsRecogniseTheirOwnOutputAndNoRegularTemplate() {
        for (Template h : Phrasings.heldOut()) {
            String filled = h.text().replaceAll("\\{[a-z0-9_]+}", "the red circle");
            assertThat(h.regex().matcher(filled).find()).as(h.id() + " on '" + filled + "'").isTrue();
            for (List<Template> ts : Phrasings.families().values()) {
                for (Template t : ts) {
                    if (!t.heldOut()) {
                        String regular = t.text().replaceAll("\\{[a-z0-9_]+}", "the red circle");
                        assertThat(h.regex().matcher(regular).find()).as(h.id() + " matches regular " + t.id()).isFalse();
                    }
                }
            }
        }
    }

    /** Regular templates joined as a conjunction can never spell a held-out phrasing either. */
    @Test
    void noConjunctionOfRegularTemplatesMatchesAHeldOutOne() {
        for (String domain : List.of("shapes.", "garments.")) {
            for (Form form : Form.values()) {
                List<String> regular = new ArrayList<>();
                Phrasings.families().forEach((k, ts) -> ts.stream()
                        .filter(t -> k.startsWith(domain) && t.form() == form && !t.heldOut())
                        .forEach(t -> regular.add(t.text().replaceAll("\\{[a-z0-9_]+}", "the red circle"))));
                int pairs = 0;
                for (String a : regular) {
                    for (String b : regular) {
                        for (Template conj : Phrasings.of("conjunction")) {
                            if (conj.heldOut() || conj.form() != form) {
                                continue;
                            }
                            String text = conj.text().replace("{a}", a).replace("{b}", b);
                            pairs++;
                            for (Map.Entry<Template, java.util.regex.Pattern> h : HELD.entrySet()) {
                                if (h.getValue().matcher(text).find()) {
                                    throw new AssertionError(h.getKey().id() + " matches the conjunction '" + text + "'");
                                }
                            }
                        }
                    }
                }
                assertThat(pairs).isGreaterThan(400);
            }
        }
    }

    @Test
    void heldOutPhrasingsAppearOnlyInTestText() throws IOException {
        Map<String, List<String>> texts = new HashMap<>();
        for (Domain d : Domain.values()) {
            Path dir = SmallWorld.domain(d);
            for (String split : List.of("train", "val", "test1")) {
                for (JsonNode t : SmallWorld.tree(dir.resolve("cirr/captions/cap.rc2." + split + ".json"))) {
                    texts.computeIfAbsent(split.equals("test1") ? "test" : "other", k -> new ArrayList<>())
                            .add(t.get("caption").asText());
                }
            }
            for (QueryRecord q : SmallWorld.queries(d)) {
                List<String> bucket = texts.computeIfAbsent(q.split() == Split.TEST ? "test" : "other", k -> new ArrayList<>());
                bucket.add(q.caption());
                bucket.addAll(q.fashionIqCaptions());
                if (q.split() != Split.TEST) {
                    assertThat(q.heldOut()).isFalse();
                    assertThat(q.templates()).noneMatch(id -> id.endsWith("h"));
                }
            }
            for (String line : Files.readAllLines(dir.resolve("pretrain.jsonl"))) {
                texts.get("other").addAll(org.cir4j.world.io.Json.MAPPER.readValue(line, PretrainRecord.class).captions());
            }
            SmallWorld.tree(dir.resolve("phrases.json")).forEach(ps -> ps.forEach(p -> texts.get("other").add(p.asText())));
        }
        if (Files.exists(SmallWorld.domain(Domain.GARMENTS).resolve("fashioniq/captions"))) {
            try (var s = Files.list(SmallWorld.domain(Domain.GARMENTS).resolve("fashioniq/captions"))) {
                for (Path p : s.toList()) {
                    String bucket = p.getFileName().toString().endsWith(".test.json") ? "test" : "other";
                    for (JsonNode t : SmallWorld.tree(p)) {
                        t.get("captions").forEach(c -> texts.get(bucket).add(c.asText()));
                    }
                }
            }
        }
        assertThat(texts.get("other")).hasSizeGreaterThan(3000);
        int testHits = 0;
        for (Map.Entry<Template, java.util.regex.Pattern> h : HELD.entrySet()) {
            for (String text : texts.get("other")) {
                Matcher m = h.getValue().matcher(text);
                if (m.find()) {
                    throw new AssertionError("held-out " + h.getKey().id() + " found outside test: '" + text + "'");
                }
            }
            for (String text : texts.get("test")) {
                testHits += h.getValue().matcher(text).find() ? 1 : 0;
            }
        }
        assertThat(testHits).as("test captions using held-out phrasings").isGreaterThan(20);
    }
}
