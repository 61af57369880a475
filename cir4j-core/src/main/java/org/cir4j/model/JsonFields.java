package org.cir4j.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Strict typed reads of configuration fields: absent (or JSON {@code null}) gives the default, a
 * present value of the wrong type is an error naming the field — never a silent default.
 */
final class JsonFields {
    private JsonFields() {}

    static int intField(JsonNode obj, String key, int dflt, String where) {
        JsonNode n = obj.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isIntegralNumber() && !(n.isNumber() && n.asDouble() == Math.rint(n.asDouble()))) {
            throw wrongType(where, key, "an integer", n);
        }
        return n.asInt();
    }

    static Integer nullableIntField(JsonNode obj, String key, Integer dflt, String where) {
        JsonNode n = obj.get(key);
        if (n == null) {
            return dflt;
        }
        if (n.isNull()) {
            return null;
        }
        return intField(obj, key, 0, where);
    }

    static double doubleField(JsonNode obj, String key, double dflt, String where) {
        JsonNode n = obj.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isNumber()) {
            throw wrongType(where, key, "a number", n);
        }
        return n.asDouble();
    }

    static boolean boolField(JsonNode obj, String key, boolean dflt, String where) {
        JsonNode n = obj.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isBoolean()) {
            throw wrongType(where, key, "true or false", n);
        }
        return n.asBoolean();
    }

    static String textField(JsonNode obj, String key, String dflt, String where) {
        JsonNode n = obj.get(key);
        if (n == null || n.isNull()) {
            return dflt;
        }
        if (!n.isTextual()) {
            throw wrongType(where, key, "a string", n);
        }
        return n.asText();
    }

    private static IllegalArgumentException wrongType(String where, String key, String expected, JsonNode found) {
        return new IllegalArgumentException(where + "." + key + " must be " + expected + ", found " + found);
    }
}
