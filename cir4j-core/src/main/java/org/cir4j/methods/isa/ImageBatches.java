package org.cir4j.methods.isa;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cir4j.image.DecodedImage;
import org.cir4j.image.ImageDecoder;
import org.cir4j.image.ImagePreprocessor;

/** Decodes a batch of image files once and preprocesses them for the large and the light encoder. */
final class ImageBatches {

    private final List<Path> images;
    private final ImagePreprocessor large;
    private final ImagePreprocessor light;
    private final ImageDecoder decoder = new ImageDecoder();

    ImageBatches(List<Path> images, ImagePreprocessor large, ImagePreprocessor light) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("ISA training needs unlabelled images, found none");
        }
        this.images = List.copyOf(images);
        this.large = large;
        this.light = light;
    }

    int size() {
        return images.size();
    }

    /** Pixels for the large encoder [0] and the light encoder [1] (same array when the sizes agree). */
    NDArray[] load(NDManager m, int[] indices) throws IOException {
        List<float[]> big = new ArrayList<>();
        List<float[]> small = new ArrayList<>();
        boolean same = large.size() == light.size();
        for (int i : indices) {
            DecodedImage img = decoder.decode(images.get(i));
            big.add(large.apply(img));
            if (!same) {
                small.add(light.apply(img));
            }
        }
        NDArray a = ImagePreprocessor.stack(m, big, large.size());
        return new NDArray[] {a, same ? a : ImagePreprocessor.stack(m, small, light.size())};
    }
}
