package org.cir4j.app.cli;

import java.nio.file.Path;

/**
 * The checkout the launcher runs from ({@code -Dcir4j.home}, set by {@code ./cir4j}; the working directory
 * otherwise): where the bundled model ({@code models/mini-clip}) and method checkpoints ({@code models/methods})
 * live.
 */
public final class Cir4jHome {
    private Cir4jHome() {}

    public static Path dir() {
        String home = System.getProperty("cir4j.home");
        return (home == null || home.isBlank() ? Path.of("") : Path.of(home)).toAbsolutePath().normalize();
    }

    public static Path bundledModel() {
        return dir().resolve("models").resolve("mini-clip");
    }

    public static Path methodsDir() {
        return dir().resolve("models").resolve("methods");
    }
}
