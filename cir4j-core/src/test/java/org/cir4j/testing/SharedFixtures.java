package org.cir4j.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code ../shared} (papers, fixtures, CLIP vocabulary); tests only, never the product. */
public final class SharedFixtures {
    private SharedFixtures() {}

    public static Path root() {
        String prop = System.getProperty("cir4j.shared");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "shared");
        if (!Files.isDirectory(p)) {
            // Running from a module directory inside an IDE: walk up until a sibling "shared" exists.
            Path cur = Path.of("").toAbsolutePath();
            while (cur != null && !Files.isDirectory(cur.resolveSibling("shared"))) {
                cur = cur.getParent();
            }
            if (cur == null) {
                throw new IllegalStateException("cannot find ../shared (set -Dcir4j.shared=DIR); looked at " + p.toAbsolutePath());
            }
            p = cur.resolveSibling("shared");
        }
        return p.normalize();
    }

    public static Path path(String first, String... more) {
        return root().resolve(Path.of(first, more));
    }
}
