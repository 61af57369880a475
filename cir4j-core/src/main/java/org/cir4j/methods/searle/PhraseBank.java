package org.cir4j.methods.searle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.cir4j.util.AtomicFiles;

/**
 * Concept → phrases ("a photo of {concept} that …") for the GPT-powered regularisation.
 *
 * <p>Formats read by {@link #read}: JSON, one object {@code {"concept": ["phrase", …], …}} (the world's
 * {@code phrases.json}, and SEARLE's released {@code concept_to_phrases.pkl} once converted with
 * {@code scripts/searle/convert_phrase_pickle.py}); TSV, one {@code concept<TAB>phrase} per line
 * ({@code #} comments and blank lines skipped). The concept vocabulary is the bank's key set.
 */
public final class PhraseBank {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<String>> phrases;

    public PhraseBank(Map<String, List<String>> phrases) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        phrases.forEach((c, ps) -> copy.put(c, List.copyOf(ps)));
        this.phrases = Collections.unmodifiableMap(copy);
    }

    /**
     * The banks of several world domains ({@code DIR/phrases.json} each), concatenated per concept. A missing file
     * is an error naming it.
     */
    public static PhraseBank readDomains(List<Path> domainDirs) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Path dir : domainDirs) {
            Path file = dir.resolve("phrases.json");
            if (!Files.isRegularFile(file)) {
                throw new java.io.FileNotFoundException("phrase bank: " + file + " is missing");
            }
            readJson(file).phrases.forEach((c, ps) -> out.computeIfAbsent(c, k -> new ArrayList<>()).addAll(ps));
        }
        return new PhraseBank(out);
    }

    /** Reads a {@code .json} or {@code .tsv} bank (by extension). */
    public static PhraseBank read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase();
        if (name.endsWith(".json")) {
            return readJson(file);
        }
        if (name.endsWith(".tsv") || name.endsWith(".txt")) {
            return readTsv(file);
        }
        throw new IllegalArgumentException("phrase bank " + file + ": unknown format (expected .json or .tsv)");
    }

    public static PhraseBank readJson(Path file) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("phrase bank " + file + ": expected a JSON object concept -> [phrases]");
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isArray()) {
                throw new IllegalArgumentException("phrase bank " + file + ": concept '" + e.getKey()
                        + "' maps to " + e.getValue().getNodeType() + ", expected an array of strings");
            }
            List<String> ps = new ArrayList<>();
            for (JsonNode p : e.getValue()) {
                if (!p.isTextual()) {
                    throw new IllegalArgumentException("phrase bank " + file + ": concept '" + e.getKey()
                            + "' has a non-string phrase " + p);
                }
                ps.add(p.asText());
            }
            out.put(e.getKey(), ps);
        }
        return new PhraseBank(out);
    }

    public static PhraseBank readTsv(Path file) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab <= 0 || tab == line.length() - 1) {
                throw new IllegalArgumentException("phrase bank " + file + ", line " + (i + 1)
                        + ": expected 'concept<TAB>phrase', found '" + line + "'");
            }
            out.computeIfAbsent(line.substring(0, tab).trim(), k -> new ArrayList<>()).add(line.substring(tab + 1).trim());
        }
        return new PhraseBank(out);
    }

    /** Writes the bank as JSON (atomically). */
    public void writeJson(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        phrases.forEach((c, ps) -> {
            var arr = root.putArray(c);
            ps.forEach(arr::add);
        });
        AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    /**
     * The bank without concepts that some phrase does not contain verbatim: the regularisation replaces
     * the concept by the pseudo-word, which is impossible for such phrases (the reference code's
     * {@code concepts_to_filter_out}). Concepts without phrases go as well.
     */
    public PhraseBank usable() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        phrases.forEach((c, ps) -> {
            if (!ps.isEmpty() && ps.stream().allMatch(p -> p.contains(c))) {
                out.put(c, ps);
            }
        });
        return new PhraseBank(out);
    }

    public List<String> concepts() {
        return List.copyOf(phrases.keySet());
    }

    public List<String> phrases(String concept) {
        List<String> ps = phrases.get(concept);
        if (ps == null) {
            throw new IllegalArgumentException("concept '" + concept + "' is not in the phrase bank");
        }
        return ps;
    }

    public int size() {
        return phrases.size();
    }

    /** Every distinct word of the bank's phrases (for the "random reg" ablation's random words). */
    public List<String> words() {
        Set<String> words = new TreeSet<>();
        for (List<String> ps : phrases.values()) {
            for (String p : ps) {
                for (String w : p.toLowerCase().split("[^a-z]+")) {
                    if (w.length() > 1) {
                        words.add(w);
                    }
                }
            }
        }
        return List.copyOf(words);
    }

    public Map<String, List<String>> asMap() {
        return phrases;
    }
}
