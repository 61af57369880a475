package org.cir4j.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading and writing the Hugging Face style {@code vocab.json} ({@code {token: id}}) and small JSON configs. */
final class VocabularyFiles {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private VocabularyFiles() {}

    /**
     * The tokens of a {@code vocab.json} indexed by id. Ids must be exactly {@code 0..n-1}, each used
     * once; a token that appears twice is an error rather than silently the last one.
     */
    static String[] readVocabJson(Path file) {
        Map<String, Integer> ids = new HashMap<>();
        try (InputStream in = Files.newInputStream(file);
             JsonParser p = JSON.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(file + ": expected a JSON object {token: id}, found "
                        + p.currentToken());
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String token = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_NUMBER_INT) {
                    throw new IllegalArgumentException(file + ": id of token " + quote(token)
                            + " must be an integer, found " + p.currentToken());
                }
                if (ids.put(token, p.getIntValue()) != null) {
                    throw new IllegalArgumentException(file + ": token " + quote(token) + " appears twice");
                }
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("vocabulary file not found: " + file, e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vocabulary " + file + ": " + e.getMessage(), e);
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException(file + ": the vocabulary is empty");
        }
        String[] tokens = new String[ids.size()];
        for (Map.Entry<String, Integer> e : ids.entrySet()) {
            int id = e.getValue();
            if (id < 0 || id >= tokens.length) {
                throw new IllegalArgumentException(file + ": token " + quote(e.getKey()) + " has id " + id
                        + ", expected ids 0.." + (tokens.length - 1) + " (one per entry)");
            }
            if (tokens[id] != null) {
                String a = tokens[id].compareTo(e.getKey()) < 0 ? tokens[id] : e.getKey();
                String b = a.equals(tokens[id]) ? e.getKey() : tokens[id];
                throw new IllegalArgumentException(file + ": id " + id + " is used by both " + quote(a)
                        + " and " + quote(b));
            }
            tokens[id] = e.getKey();
        }
        return tokens;
    }

    /** Writes {@code {token: id}} in id order. */
    static void writeVocabJson(Path file, String[] tokens) throws IOException {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int id = 0; id < tokens.length; id++) {
            vocab.put(tokens[id], id);
        }
        JSON.writeValue(file.toFile(), vocab);
    }

    /** A JSON object file; missing or malformed files are reported with their path. */
    static JsonNode readJsonObject(Path file) {
        JsonNode node;
        try (InputStream in = Files.newInputStream(file)) {
            node = JSON.readTree(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("file not found: " + file, e);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object, found "
                    + (node == null ? "nothing" : node.getNodeType()));
        }
        return node;
    }

    static String quote(String s) {
        return "\"" + s + "\"";
    }
}
