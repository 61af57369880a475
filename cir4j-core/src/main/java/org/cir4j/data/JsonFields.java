package org.cir4j.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to the fields of one annotation file, turning every shape problem into a
 * {@link DatasetFormatException} that names the file, the entry index and the field.
 */
final class JsonFields {
    // Split files map up to tens of thousands of near-identical names ("shapes-test-000123") to paths; Jackson's
    // field-name canonicalizer then reports a hash-collision "DoS" and refuses the file (the world's shapes test1
    // split did). These files are local data, not untrusted input: do not canonicalize field names.
    private static final ObjectMapper MAPPER = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build());

    private final Path file;

    JsonFields(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    /** Parses the whole file. */
    JsonNode read() {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new DatasetFormatException(file, "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"), e);
        } catch (IOException e) {
            if (!Files.exists(file)) {
                throw new DatasetException("annotation file not found: " + file, new NoSuchFileException(file.toString()));
            }
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The file's top level as a list of entries. */
    JsonNode readArray() {
        JsonNode root = read();
        if (!root.isArray()) {
            throw new DatasetFormatException(file, -1, null, "expected a JSON list at top level, found " + kind(root));
        }
        return root;
    }

    /** The file's top level as an object. */
    JsonNode readObject() {
        JsonNode root = read();
        if (!root.isObject()) {
            throw new DatasetFormatException(file, -1, null, "expected a JSON object at top level, found " + kind(root));
        }
        return root;
    }

    JsonNode entry(JsonNode array, int index) {
        JsonNode e = array.get(index);
        if (!e.isObject()) {
            throw new DatasetFormatException(file, index, null, "expected an object, found " + kind(e));
        }
        return e;
    }

    String text(JsonNode entry, int index, String field) {
        JsonNode v = require(entry, index, field);
        if (!v.isTextual()) {
            throw mistyped(index, field, "a string", v);
        }
        return v.asText();
    }

    /** {@code null} when absent or JSON null. */
    String optionalText(JsonNode entry, int index, String field) {
        JsonNode v = entry.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw mistyped(index, field, "a string", v);
        }
        return v.asText();
    }

    long integer(JsonNode entry, int index, String field) {
        JsonNode v = require(entry, index, field);
        return integerValue(v, index, field);
    }

    /** {@code null} when absent or JSON null. */
    Long optionalInteger(JsonNode entry, int index, String field) {
        JsonNode v = entry.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return integerValue(v, index, field);
    }

    private long integerValue(JsonNode v, int index, String field) {
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw mistyped(index, field, "an integer", v);
        }
        return v.asLong();
    }

    List<String> textList(JsonNode entry, int index, String field) {
        JsonNode v = require(entry, index, field);
        return textListValue(v, index, field);
    }

    /** Field {@code key} of a nested object, reported as {@code path} (e.g. {@code img_set.members}). */
    List<String> nestedTextList(JsonNode object, int index, String key, String path) {
        JsonNode v = object.get(key);
        if (v == null || v.isNull()) {
            throw new DatasetFormatException(file, index, path, "missing (required)");
        }
        return textListValue(v, index, path);
    }

    /** {@code null} when absent or JSON null. */
    List<String> optionalTextList(JsonNode entry, int index, String field) {
        JsonNode v = entry.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return textListValue(v, index, field);
    }

    private List<String> textListValue(JsonNode v, int index, String field) {
        if (!v.isArray()) {
            throw mistyped(index, field, "a list of strings", v);
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode x = v.get(i);
            if (!x.isTextual()) {
                throw mistyped(index, field + "[" + i + "]", "a string", x);
            }
            out.add(x.asText());
        }
        return out;
    }

    /** {@code null} when absent or JSON null. */
    List<Long> optionalIntegerList(JsonNode entry, int index, String field) {
        JsonNode v = entry.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw mistyped(index, field, "a list of integers", v);
        }
        List<Long> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(integerValue(v.get(i), index, field + "[" + i + "]"));
        }
        return out;
    }

    JsonNode object(JsonNode entry, int index, String field) {
        JsonNode v = require(entry, index, field);
        if (!v.isObject()) {
            throw mistyped(index, field, "an object", v);
        }
        return v;
    }

    DatasetFormatException error(int index, String field, String problem) {
        return new DatasetFormatException(file, index, field, problem);
    }

    private JsonNode require(JsonNode entry, int index, String field) {
        JsonNode v = entry.get(field);
        if (v == null || v.isNull()) {
            throw new DatasetFormatException(file, index, field, "missing (required)");
        }
        return v;
    }

    private DatasetFormatException mistyped(int index, String field, String expected, JsonNode found) {
        return new DatasetFormatException(file, index, field, "expected " + expected + ", found " + kind(found) + " " + abbreviate(found));
    }

    static String kind(JsonNode n) {
        return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String abbreviate(JsonNode n) {
        String s = n.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
