package org.cir4j.eval;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --option} values of an evaluation run: {@code key=value} applies to every method, {@code method:key=value}
 * to that method only (so {@code --method sum --method text-only --option sum:parts=raw} works).
 */
public final class MethodOptions {
    private MethodOptions() {}

    /**
     * @return per method, its options (global ones first, method-scoped ones override)
     * @throws IllegalArgumentException for a malformed option or a scope naming a method not being run
     */
    public static Map<String, Map<String, String>> parse(Collection<String> raw, List<String> methods) {
        Map<String, String> global = new LinkedHashMap<>();
        Map<String, Map<String, String>> scoped = new LinkedHashMap<>();
        for (String opt : raw) {
            int eq = opt.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("option '" + opt + "' is not key=value or method:key=value");
            }
            String key = opt.substring(0, eq).strip();
            String value = opt.substring(eq + 1).strip();
            int colon = key.indexOf(':');
            if (colon >= 0) {
                String method = key.substring(0, colon);
                key = key.substring(colon + 1);
                if (!methods.contains(method)) {
                    throw new IllegalArgumentException("option '" + opt + "' is for method '" + method + "', which is not among --method " + methods);
                }
                if (key.isEmpty()) {
                    throw new IllegalArgumentException("option '" + opt + "' has an empty key");
                }
                scoped.computeIfAbsent(method, m -> new LinkedHashMap<>()).put(key, value);
            } else {
                global.put(key, value);
            }
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (String m : methods) {
            Map<String, String> o = new LinkedHashMap<>(global);
            o.putAll(scoped.getOrDefault(m, Map.of()));
            out.put(m, o);
        }
        return out;
    }

    /**
     * A path-valued option (one with a '/') is shown by its file name: a token bank's full path would swamp a table
     * row, and the report files and summary.json record the options in full.
     */
    private static String shown(String value) {
        int slash = value.lastIndexOf('/');
        return slash >= 0 && slash < value.length() - 1 ? value.substring(slash + 1) : value;
    }

    /** Report label: the method name, plus its options when it has any ({@code sum[parts=raw]}). */
    public static String label(String method, Map<String, String> options) {
        if (options.isEmpty()) {
            return method;
        }
        StringBuilder sb = new StringBuilder(method).append('[');
        options.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(sb.charAt(sb.length() - 1) == '[' ? "" : ",").append(e.getKey()).append('=')
                        .append(shown(e.getValue())));
        return sb.append(']').toString();
    }
}
