package org.cir4j.methods.isa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A concept vocabulary with GPT-style phrases per concept ("a photo of {concept} that …"), for the
 * optional GPT-phrase regularisation borrowed from iSEARLE. Reads the world's {@code concepts.json}
 * (a JSON array of strings) and {@code phrases.json} (concept → array of phrases), the same layout a
 * user would supply for a real CLIP.
 *
 * <p>Minimal reader kept in the ISA package until iSEARLE's phrase-bank code (branch {@code searle})
 * lands; to be unified with it. As in the SEARLE release, concepts none of whose phrases contains the
 * concept string are dropped, and so are phrases that do not contain it.
 */
public final class PhraseBank {

    private final Map<String, List<String>> phrases;

    private PhraseBank(Map<String, List<String>> phrases) {
        if (phrases.isEmpty()) {
            throw new IllegalArgumentException("phrase bank is empty (no concept has a phrase containing it)");
        }
        this.phrases = phrases;
    }

    /** Reads one or more (concepts.json, phrases.json) pairs from the given directories and merges them. */
    public static PhraseBank read(List<Path> dirs) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Path dir : dirs) {
            Path cf = dir.resolve("concepts.json");
            Path pf = dir.resolve("phrases.json");
            for (Path f : List.of(cf, pf)) {
                if (!Files.isRegularFile(f)) {
                    throw new IOException("phrase bank: " + f + " is missing");
                }
            }
            JsonNode concepts = json.readTree(cf.toFile());
            JsonNode bank = json.readTree(pf.toFile());
            if (!concepts.isArray() || !bank.isObject()) {
                throw new IOException("phrase bank: expected " + cf + " to be a JSON array and " + pf + " a JSON object");
            }
            for (JsonNode c : concepts) {
                String concept = c.asText();
                JsonNode list = bank.get(concept);
                if (list == null || !list.isArray()) {
                    continue;
                }
                List<String> kept = new ArrayList<>();
                for (Iterator<JsonNode> it = list.elements(); it.hasNext(); ) {
                    String p = it.next().asText();
                    if (p.contains(concept)) {
                        kept.add(p);
                    }
                }
                if (!kept.isEmpty()) {
                    out.merge(concept, kept, (a, b) -> {
                        List<String> m = new ArrayList<>(a);
                        m.addAll(b);
                        return m;
                    });
                }
            }
        }
        return new PhraseBank(out);
    }

    public List<String> concepts() {
        return List.copyOf(phrases.keySet());
    }

    public List<String> phrases(String concept) {
        return phrases.get(concept);
    }

    /** The phrase with its (first) concept occurrence replaced by {@code replacement}. */
    static String substitute(String phrase, String concept, String replacement) {
        int i = phrase.indexOf(concept);
        if (i < 0) {
            throw new IllegalArgumentException("phrase '" + phrase + "' does not contain concept '" + concept + "'");
        }
        return phrase.substring(0, i) + replacement + phrase.substring(i + concept.length());
    }
}
