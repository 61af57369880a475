package org.cir4j.methods;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Every {@link ComposerFactory} on the class path, by name. */
public final class ComposerRegistry {

    private final Map<String, ComposerFactory> factories;

    private ComposerRegistry(Map<String, ComposerFactory> factories) {
        this.factories = Collections.unmodifiableMap(factories);
    }

    /** The factories registered through {@link ServiceLoader}. Duplicate names are a packaging error. */
    public static ComposerRegistry load() {
        Map<String, ComposerFactory> byName = new TreeMap<>();
        for (ComposerFactory f : ServiceLoader.load(ComposerFactory.class, ComposerRegistry.class.getClassLoader())) {
            ComposerFactory previous = byName.put(f.name(), f);
            if (previous != null) {
                throw new IllegalStateException("two query composers are named '" + f.name() + "': "
                        + previous.getClass().getName() + " and " + f.getClass().getName());
            }
        }
        return new ComposerRegistry(byName);
    }

    /** The factory for {@code name}, or an error listing the known names. */
    public ComposerFactory get(String name) {
        ComposerFactory f = factories.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown method '" + name + "'; known: " + factories.keySet());
        }
        return f;
    }

    public Collection<ComposerFactory> all() {
        return factories.values();
    }
}
