package org.cir4j.app.encode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the image files under a folder, recursively, in a stable order: sorted by their path relative to
 * the root with {@code /} separators (so the order, and with it the rows of a feature file, is the same on
 * every machine and file system). Files are recognised by extension; hidden files and folders (names
 * starting with {@code .}) are skipped, as they are editor or OS artefacts, not gallery images.
 */
public final class ImageDiscovery {

    /** Extensions of the formats {@link org.cir4j.image.ImageDecoder} reads. */
    public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "webp", "bmp", "gif");

    /** One image: its name (relative path, {@code /}-separated) and where it is. */
    public record ImageFile(String name, Path path) {}

    private ImageDiscovery() {}

    /** The images under {@code root}, sorted by name. */
    public static List<ImageFile> find(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("image folder not found: " + root);
        }
        List<ImageFile> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path rel = root.relativize(p);
                if (!Files.isRegularFile(p) || isHidden(rel) || !hasImageExtension(p)) {
                    continue;
                }
                out.add(new ImageFile(toName(rel), p));
            }
        }
        out.sort(Comparator.comparing(ImageFile::name));
        return out;
    }

    private static boolean isHidden(Path rel) {
        for (Path part : rel) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasImageExtension(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static String toName(Path rel) {
        StringBuilder sb = new StringBuilder();
        for (Path part : rel) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }
}
