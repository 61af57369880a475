package org.cir4j.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenAI CLIP's byte-level BPE tokenizer, a faithful port of {@code clip/simple_tokenizer.py}
 * (vocabulary 49,408; {@code <|startoftext|>} = 49406, {@code <|endoftext|>} = 49407, padding 0,
 * placeholder {@code "$</w>"} = 259).
 *
 * <p>Encoding: {@link ClipTextCleaner} (HTML unescape ×2, whitespace collapse, lower-case; ftfy is
 * identity, see there), split with CLIP's pattern, UTF-8 bytes → {@link ByteLevelAlphabet}
 * characters with {@code </w>} on the last one, then BPE merges lowest rank first. Results per
 * pre-token are cached.
 *
 * <p>Known, documented differences from the Python reference, all outside normal captions:
 * <ul>
 *   <li>The reference compiles its pattern with {@code IGNORECASE}; the text is lower-cased before
 *       matching, so that flag only matters for characters whose case folding is a letter while the
 *       character itself is not (e.g. U+0345). Not reproduced.</li>
 *   <li>{@code \p{L}}/{@code \p{N}} follow the JDK's Unicode version (13 in Java 17) instead of the
 *       {@code regex} module's; characters assigned after Unicode 13 can split differently.</li>
 *   <li>Unpaired UTF-16 surrogates are rejected with an exception, where Python's
 *       {@code str.encode('utf-8')} raises too.</li>
 * </ul>
 *
 * <p>Thread-safe: the tables are immutable and the cache is a {@link ConcurrentHashMap}. Unlike the
 * reference's unbounded dict, the cache is cleared when it reaches {@value #CACHE_CAPACITY} entries
 * so that a long-running server cannot grow without bound.
 */
public final class ClipBpeTokenizer implements Tokenizer {

    /** CLIP's text context length. */
    public static final int CONTEXT_LENGTH = 77;
    /** Pre-tokens whose BPE result is memoised before the cache is reset. */
    public static final int CACHE_CAPACITY = 100_000;

    private static final String BUNDLED_RESOURCE = "bpe_simple_vocab_16e6.txt.gz";
    private static final String PLACEHOLDER_TOKEN = "$" + ClipBpeVocabulary.END_OF_WORD;

    /** CLIP's pre-tokenizer; {@code \s} as the {@code regex} module's (Unicode White_Space). */
    private static final Pattern PRE_TOKEN = Pattern.compile(
            "<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|\\p{L}+|\\p{N}|[^\\s\\p{L}\\p{N}]+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private final Tables tables;
    private final ClipTextCleaner cleaner;
    private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

    /** Everything derived from the vocabulary files; shared between tokenizers that differ in cleaning. */
    private record Tables(String source, String[] tokens, byte[][] tokenBytes, int[] byteIds, int[] byteEndIds,
                          BpeMergeTable merges, int startId, int endId, int placeholderId) {}

    private ClipBpeTokenizer(Tables tables, ClipTextCleaner cleaner) {
        this.tables = tables;
        this.cleaner = cleaner;
    }

    /** Loads OpenAI's {@code bpe_simple_vocab_16e6.txt.gz}. */
    public static ClipBpeTokenizer fromMergesGz(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new ClipBpeTokenizer(tables(ClipBpeVocabulary.fromMergesGz(in, file.toString())),
                    ClipTextCleaner.reference());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("CLIP merges file not found: " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CLIP merges file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads Hugging Face's {@code vocab.json} + {@code merges.txt} (e.g. from an HF CLIP checkpoint). */
    public static ClipBpeTokenizer fromHuggingFace(Path vocabJson, Path mergesTxt) {
        return new ClipBpeTokenizer(tables(ClipBpeVocabulary.fromHuggingFace(vocabJson, mergesTxt)),
                ClipTextCleaner.reference());
    }

    /**
     * OpenAI's vocabulary as shipped inside cir4j-core (MIT licence, see
     * {@code org/cir4j/text/bpe_simple_vocab_16e6.LICENSE}), for checkpoints stored without tokenizer
     * files (OpenAI {@code .pt}, open_clip). The same shared instance on every call.
     */
    public static ClipBpeTokenizer bundled() {
        return Bundled.INSTANCE;
    }

    private static final class Bundled {
        static final ClipBpeTokenizer INSTANCE = load();

        private static ClipBpeTokenizer load() {
            String name = "classpath:org/cir4j/text/" + BUNDLED_RESOURCE;
            try (InputStream in = ClipBpeTokenizer.class.getResourceAsStream(BUNDLED_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(name + " is missing from the cir4j-core jar");
                }
                return new ClipBpeTokenizer(tables(ClipBpeVocabulary.fromMergesGz(in, name)),
                        ClipTextCleaner.reference());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /** The same vocabulary with another text cleaner (e.g. a different HTML unescaping). */
    public ClipBpeTokenizer withCleaner(ClipTextCleaner newCleaner) {
        return new ClipBpeTokenizer(tables, Objects.requireNonNull(newCleaner, "cleaner"));
    }

    public ClipTextCleaner cleaner() {
        return cleaner;
    }

    private static Tables tables(ClipBpeVocabulary vocab) {
        String[] tokens = vocab.tokens;
        byte[][] tokenBytes = new byte[tokens.length][];
        for (int id = 0; id < tokens.length; id++) {
            tokenBytes[id] = alphabetBytes(tokens[id], id, vocab.source);
        }
        int[] byteIds = new int[256];
        int[] byteEndIds = new int[256];
        for (int b = 0; b < 256; b++) {
            String c = String.valueOf(ByteLevelAlphabet.charOf(b));
            byteIds[b] = require(vocab, c, "byte " + b);
            byteEndIds[b] = require(vocab, c + ClipBpeVocabulary.END_OF_WORD, "byte " + b + " at the end of a word");
        }
        int n = vocab.merges.length;
        int[] left = new int[n];
        int[] right = new int[n];
        int[] merged = new int[n];
        int used = 0;
        for (String[] merge : vocab.merges) {
            Integer l = vocab.ids.get(merge[0]);
            Integer r = vocab.ids.get(merge[1]);
            Integer m = vocab.ids.get(merge[0] + merge[1]);
            // A merge whose parts are not tokens can never fire: every symbol of a word is a token.
            if (l != null && r != null && m != null) {
                left[used] = l;
                right[used] = r;
                merged[used] = m;
                used++;
            }
        }
        return new Tables(vocab.source, tokens, tokenBytes, byteIds, byteEndIds,
                new BpeMergeTable(left, right, merged, used),
                require(vocab, ClipBpeVocabulary.START_OF_TEXT, "the start token"),
                require(vocab, ClipBpeVocabulary.END_OF_TEXT, "the end token"),
                require(vocab, PLACEHOLDER_TOKEN, "the placeholder"));
    }

    private static int require(ClipBpeVocabulary vocab, String token, String role) {
        Integer id = vocab.ids.get(token);
        if (id == null) {
            throw new IllegalArgumentException(vocab.source + ": token " + ClipBpeVocabulary.quote(token)
                    + " (" + role + ") is missing from the vocabulary");
        }
        return id;
    }

    /** The UTF-8 bytes a token stands for; {@code </w>} stays as its four ASCII bytes. */
    private static byte[] alphabetBytes(String token, int id, String source) {
        byte[] bytes = new byte[token.length()];
        for (int i = 0; i < token.length(); i++) {
            int b = ByteLevelAlphabet.byteOf(token.charAt(i));
            if (b < 0) {
                throw new IllegalArgumentException(source + ": token " + id + " " + ClipBpeVocabulary.quote(token)
                        + " contains U+" + String.format("%04X", (int) token.charAt(i))
                        + ", which is not one of CLIP's 256 byte characters");
            }
            bytes[i] = (byte) b;
        }
        return bytes;
    }

    @Override
    public int[] encode(String text) {
        String clean = cleaner.clean(text);
        requireWellFormedUtf16(clean, text);
        IntArrayBuilder out = new IntArrayBuilder(clean.length() / 3 + 4);
        Matcher m = PRE_TOKEN.matcher(clean);
        while (m.find()) {
            String piece = m.group();
            if (piece.equals(ClipBpeVocabulary.START_OF_TEXT)) {
                out.add(tables.startId);
            } else if (piece.equals(ClipBpeVocabulary.END_OF_TEXT)) {
                out.add(tables.endId);
            } else {
                out.addAll(bpeCached(piece));
            }
        }
        return out.toArray();
    }

    private int[] bpeCached(String piece) {
        int[] ids = cache.get(piece);
        if (ids == null) {
            ids = bpe(piece.getBytes(StandardCharsets.UTF_8));
            if (cache.size() >= CACHE_CAPACITY) {
                cache.clear();
            }
            cache.put(piece, ids);
        }
        return ids;
    }

    /**
     * {@code SimpleTokenizer.bpe} on ids: repeatedly take the adjacent pair with the lowest merge rank
     * and merge all its non-overlapping occurrences left to right, until no pair has a rank.
     */
    private int[] bpe(byte[] bytes) {
        int len = bytes.length;
        int[] word = new int[len];
        for (int i = 0; i < len - 1; i++) {
            word[i] = tables.byteIds[bytes[i] & 0xFF];
        }
        word[len - 1] = tables.byteEndIds[bytes[len - 1] & 0xFF];
        BpeMergeTable merges = tables.merges;
        while (len > 1) {
            int bestRank = BpeMergeTable.NO_RANK;
            int best = -1;
            for (int i = 0; i < len - 1; i++) {
                int rank = merges.rank(word[i], word[i + 1]);
                if (rank < bestRank) {
                    bestRank = rank;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            int first = word[best];
            int second = word[best + 1];
            int merged = merges.mergedId(first, second);
            int w = 0;
            for (int i = 0; i < len; ) {
                if (i < len - 1 && word[i] == first && word[i + 1] == second) {
                    word[w++] = merged;
                    i += 2;
                } else {
                    word[w++] = word[i++];
                }
            }
            len = w;
        }
        return len == word.length ? word : Arrays.copyOf(word, len);
    }

    private static void requireWellFormedUtf16(String clean, String original) {
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < clean.length() && Character.isLowSurrogate(clean.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException("text " + BatchAssembler.abbreviate(original)
                        + " contains an unpaired UTF-16 surrogate U+" + String.format("%04X", (int) c)
                        + ", which has no UTF-8 encoding");
            }
        }
    }

    /**
     * {@code SimpleTokenizer.decode}: token strings joined, mapped back to bytes, decoded as UTF-8 with
     * U+FFFD for invalid sequences, {@code </w>} → space (so the result ends with a space, as in the
     * reference). Start and end tokens are dropped. Padding is id 0 = "!" in CLIP's vocabulary, so
     * decode a batch row only up to {@link TokenBatch#lengths()}.
     */
    @Override
    public String decode(int[] ids) {
        Objects.requireNonNull(ids, "ids");
        int total = 0;
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id < 0 || id >= tables.tokens.length) {
                throw new IllegalArgumentException("ids[" + i + "] = " + id + " is outside the vocabulary [0, "
                        + tables.tokens.length + ")");
            }
            if (id != tables.startId && id != tables.endId) {
                total += tables.tokenBytes[id].length;
            }
        }
        byte[] bytes = new byte[total];
        int at = 0;
        for (int id : ids) {
            if (id != tables.startId && id != tables.endId) {
                byte[] b = tables.tokenBytes[id];
                System.arraycopy(b, 0, bytes, at, b.length);
                at += b.length;
            }
        }
        return new String(bytes, StandardCharsets.UTF_8).replace(ClipBpeVocabulary.END_OF_WORD, " ");
    }

    @Override
    public TokenBatch batch(List<String> texts, int contextLength, Truncation truncation) {
        return BatchAssembler.assemble(this, texts, contextLength, truncation);
    }

    /** The token string of {@code id} in the byte-character alphabet (e.g. {@code "cat</w>"}). */
    public String token(int id) {
        if (id < 0 || id >= tables.tokens.length) {
            throw new IllegalArgumentException("id " + id + " is outside the vocabulary [0, " + tables.tokens.length + ")");
        }
        return tables.tokens[id];
    }

    @Override
    public int startId() {
        return tables.startId;
    }

    @Override
    public int endId() {
        return tables.endId;
    }

    /** 0, as in {@code clip.tokenize} (which pads with zeros; id 0 is the token "!"). */
    @Override
    public int padId() {
        return 0;
    }

    @Override
    public int placeholderId() {
        return tables.placeholderId;
    }

    @Override
    public int vocabSize() {
        return tables.tokens.length;
    }

    @Override
    public String toString() {
        return "ClipBpeTokenizer[" + tables.source + ", vocab " + tables.tokens.length + "]";
    }
}
