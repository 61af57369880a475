package org.cir4j.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One gallery image: the name the annotations use (CIRR image name, CIRCO image id as text,
 * FashionIQ asin) and its file.
 */
public record GalleryImage(String name, Path path) {
    public GalleryImage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
    }
}
