package org.cir4j.index.gallery;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Finds image files under a folder, recursively, in a stable order (relative path, '/' separated). */
public final class ImageDiscovery {

    /** Extensions the decoder reads (case-insensitive). */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "webp", "bmp", "gif");

    private ImageDiscovery() {}

    /** Relative ids ({@code sub/dir/name.png}) of every image below {@code root}, sorted; hidden files skipped. */
    public static List<String> discover(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("image folder not found: " + root);
        }
        try (Stream<Path> s = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(ImageDiscovery::isImage)
                    .map(p -> toId(root.relativize(p)))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    static String toId(Path relative) {
        StringBuilder b = new StringBuilder();
        for (Path part : relative) {
            if (b.length() > 0) {
                b.append('/');
            }
            b.append(part.toString());
        }
        return b.toString();
    }
}
