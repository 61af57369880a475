package org.cir4j.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A word-level tokenizer for the synthetic world's mini-CLIP, whose vocabulary is a few hundred words:
 * lower-case, split into words, numbers and single punctuation marks, one id per distinct piece.
 *
 * <p>Ids {@code 0..4} are the specials {@code <pad>}, {@code <start>}, {@code <end>}, {@code <unk>}
 * and the placeholder {@code $} (the pseudo-word slot of "a photo of $ that …"), always present; then
 * the corpus words by descending count, ties alphabetical, so {@link #build} is deterministic. Words
 * not in the vocabulary become {@code <unk>}. Special tokens written inside a text are not recognised
 * as such ({@code "<end>"} is the pieces {@code <}, {@code end}, {@code >}); only {@code $} is, since it
 * is an ordinary punctuation piece.
 *
 * <p>Stored as {@value #VOCAB_FILE} ({@code {token: id}}, Hugging Face style) and
 * {@value #CONFIG_FILE} ({@code tokenizer_class} = {@value #TOKENIZER_CLASS}, {@code format_version},
 * {@code lowercase}, {@code special_tokens}). Immutable and thread-safe.
 */
public final class WordLevelTokenizer implements Tokenizer {

    public static final String TOKENIZER_CLASS = "cir4j-word-level";
    public static final int FORMAT_VERSION = 1;
    public static final String VOCAB_FILE = "vocab.json";
    public static final String CONFIG_FILE = "tokenizer_config.json";

    public static final String PAD = "<pad>";
    public static final String START = "<start>";
    public static final String END = "<end>";
    public static final String UNKNOWN = "<unk>";
    public static final String PLACEHOLDER = "$";

    /** Config keys of {@code special_tokens}, in id order of a built vocabulary. */
    private static final List<String> SPECIAL_ROLES = List.of("pad", "start", "end", "unk", "placeholder");
    private static final List<String> DEFAULT_SPECIALS = List.of(PAD, START, END, UNKNOWN, PLACEHOLDER);

    /**
     * Words (letters with their combining marks, so NFD accents stay inside the word), digit runs, or
     * one character of anything else that is not whitespace.
     */
    private static final Pattern PIECE = Pattern.compile(
            "[\\p{L}\\p{M}]+|\\p{N}+|[^\\s\\p{L}\\p{M}\\p{N}]", Pattern.UNICODE_CHARACTER_CLASS);

    private final String[] tokens;
    private final Map<String, Integer> ids;
    private final boolean lowercase;
    private final int padId;
    private final int startId;
    private final int endId;
    private final int unknownId;
    private final int placeholderId;
    private final Map<String, String> specialTokens;

    private WordLevelTokenizer(String[] tokens, boolean lowercase, Map<String, String> specialTokens, String source) {
        this.tokens = tokens;
        this.lowercase = lowercase;
        this.specialTokens = Map.copyOf(specialTokens);
        Map<String, Integer> map = new HashMap<>(tokens.length * 2);
        for (int id = 0; id < tokens.length; id++) {
            map.put(tokens[id], id);
        }
        this.ids = map;
        this.padId = specialId(specialTokens, "pad", source);
        this.startId = specialId(specialTokens, "start", source);
        this.endId = specialId(specialTokens, "end", source);
        this.unknownId = specialId(specialTokens, "unk", source);
        this.placeholderId = specialId(specialTokens, "placeholder", source);
    }

    private int specialId(Map<String, String> specials, String role, String source) {
        String token = specials.get(role);
        Integer id = token == null ? null : ids.get(token);
        if (id == null) {
            throw new IllegalArgumentException(source + ": special token " + role + " = "
                    + (token == null ? "(not given)" : VocabularyFiles.quote(token)) + " is not in the vocabulary");
        }
        return id;
    }

    /**
     * Builds the vocabulary of {@code corpus}: the specials, then every piece seen at least
     * {@code minCount} times, most frequent first, ties in {@link String#compareTo} order.
     */
    public static WordLevelTokenizer build(Iterable<String> corpus, int minCount) {
        Objects.requireNonNull(corpus, "corpus");
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be at least 1, got " + minCount);
        }
        Map<String, Long> counts = new HashMap<>();
        int index = 0;
        for (String text : corpus) {
            if (text == null) {
                throw new IllegalArgumentException("corpus element " + index + " is null");
            }
            for (String piece : split(text, true)) {
                counts.merge(piece, 1L, Long::sum);
            }
            index++;
        }
        Set<String> specials = Set.copyOf(DEFAULT_SPECIALS);
        List<Map.Entry<String, Long>> kept = new ArrayList<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (e.getValue() >= minCount && !specials.contains(e.getKey())) {
                kept.add(e);
            }
        }
        kept.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<String> vocab = new ArrayList<>(DEFAULT_SPECIALS);
        kept.forEach(e -> vocab.add(e.getKey()));
        Map<String, String> specialTokens = new LinkedHashMap<>();
        for (int i = 0; i < SPECIAL_ROLES.size(); i++) {
            specialTokens.put(SPECIAL_ROLES.get(i), DEFAULT_SPECIALS.get(i));
        }
        return new WordLevelTokenizer(vocab.toArray(String[]::new), true, specialTokens, "built vocabulary");
    }

    /**
     * The same vocabulary with the end token moved to the last id (the ids above it shift down by one).
     * A CLIP text tower pools at the end token; OpenAI's rule finds it as {@code argmax(ids)}, and
     * transformers reads {@code eos_token_id == 2} — the end id of {@link #build} — as that legacy rule.
     * With the end token last, both pooling rules (first {@code eos_token_id}, or argmax) pick the same
     * position, and the end id can be written to a Hugging Face config. The mini-CLIP uses this order.
     */
    public WordLevelTokenizer withEndTokenLast() {
        if (endId == tokens.length - 1) {
            return this;
        }
        List<String> order = new ArrayList<>(List.of(tokens));
        String end = order.remove(endId);
        order.add(end);
        return new WordLevelTokenizer(order.toArray(String[]::new), lowercase, specialTokens, "reordered vocabulary");
    }

    /** The pieces {@code text} is split into (lower-cased if this tokenizer lower-cases). */
    public List<String> split(String text) {
        return split(Objects.requireNonNull(text, "text"), lowercase);
    }

    private static List<String> split(String text, boolean lowercase) {
        String t = lowercase ? text.toLowerCase(Locale.ROOT) : text;
        List<String> pieces = new ArrayList<>();
        Matcher m = PIECE.matcher(t);
        while (m.find()) {
            pieces.add(m.group());
        }
        return pieces;
    }

    /** Writes {@value #VOCAB_FILE} and {@value #CONFIG_FILE} into {@code dir} (created if needed). */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        VocabularyFiles.writeVocabJson(dir.resolve(VOCAB_FILE), tokens);
        ObjectNode config = VocabularyFiles.JSON.createObjectNode();
        config.put("tokenizer_class", TOKENIZER_CLASS);
        config.put("format_version", FORMAT_VERSION);
        config.put("lowercase", lowercase);
        ObjectNode specials = config.putObject("special_tokens");
        for (String role : SPECIAL_ROLES) {
            specials.put(role, specialTokens.get(role));
        }
        VocabularyFiles.JSON.writeValue(dir.resolve(CONFIG_FILE).toFile(), config);
    }

    /** Reads a tokenizer written by {@link #save}; every inconsistency names the file and field. */
    public static WordLevelTokenizer load(Path dir) {
        Path configFile = dir.resolve(CONFIG_FILE);
        JsonNode config = VocabularyFiles.readJsonObject(configFile);
        String cls = config.path("tokenizer_class").asText(null);
        if (!TOKENIZER_CLASS.equals(cls)) {
            throw new IllegalArgumentException(configFile + ": tokenizer_class is "
                    + (cls == null ? "missing" : VocabularyFiles.quote(cls)) + ", expected \"" + TOKENIZER_CLASS + "\"");
        }
        JsonNode version = config.get("format_version");
        if (version == null || !version.isInt() || version.intValue() != FORMAT_VERSION) {
            throw new IllegalArgumentException(configFile + ": format_version is " + version
                    + ", this build reads format_version " + FORMAT_VERSION);
        }
        JsonNode lower = config.get("lowercase");
        if (lower == null || !lower.isBoolean()) {
            throw new IllegalArgumentException(configFile + ": lowercase must be true or false, found " + lower);
        }
        JsonNode specialsNode = config.get("special_tokens");
        if (specialsNode == null || !specialsNode.isObject()) {
            throw new IllegalArgumentException(configFile + ": special_tokens must be an object with "
                    + SPECIAL_ROLES + ", found " + specialsNode);
        }
        Map<String, String> specials = new LinkedHashMap<>();
        for (String role : SPECIAL_ROLES) {
            JsonNode token = specialsNode.get(role);
            if (token == null || !token.isTextual()) {
                throw new IllegalArgumentException(configFile + ": special_tokens." + role
                        + " must be a string, found " + token);
            }
            if (specials.containsValue(token.textValue())) {
                throw new IllegalArgumentException(configFile + ": special_tokens." + role + " = "
                        + token + " is already used by another special token");
            }
            specials.put(role, token.textValue());
        }
        String[] tokens = VocabularyFiles.readVocabJson(dir.resolve(VOCAB_FILE));
        return new WordLevelTokenizer(tokens, lower.booleanValue(), specials, dir.resolve(VOCAB_FILE).toString());
    }

    @Override
    public int[] encode(String text) {
        List<String> pieces = split(text);
        int[] out = new int[pieces.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.getOrDefault(pieces.get(i), unknownId);
        }
        return out;
    }

    /** Tokens joined by single spaces; pad, start and end are dropped, {@code <unk>} and {@code $} kept. */
    @Override
    public String decode(int[] ids) {
        Objects.requireNonNull(ids, "ids");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id < 0 || id >= tokens.length) {
                throw new IllegalArgumentException("ids[" + i + "] = " + id + " is outside the vocabulary [0, "
                        + tokens.length + ")");
            }
            if (id == padId || id == startId || id == endId) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(tokens[id]);
        }
        return sb.toString();
    }

    @Override
    public TokenBatch batch(List<String> texts, int contextLength, Truncation truncation) {
        return BatchAssembler.assemble(this, texts, contextLength, truncation);
    }

    /** The token of {@code id}. */
    public String token(int id) {
        if (id < 0 || id >= tokens.length) {
            throw new IllegalArgumentException("id " + id + " is outside the vocabulary [0, " + tokens.length + ")");
        }
        return tokens[id];
    }

    /** Whether {@code token} has its own id (otherwise it encodes as {@code <unk>}). */
    public boolean contains(String token) {
        return ids.containsKey(token);
    }

    public boolean lowercase() {
        return lowercase;
    }

    public int unknownId() {
        return unknownId;
    }

    @Override
    public int startId() {
        return startId;
    }

    @Override
    public int endId() {
        return endId;
    }

    @Override
    public int padId() {
        return padId;
    }

    @Override
    public int placeholderId() {
        return placeholderId;
    }

    @Override
    public int vocabSize() {
        return tokens.length;
    }

    @Override
    public String toString() {
        return "WordLevelTokenizer[vocab " + tokens.length + ", lowercase " + lowercase + "]";
    }
}
