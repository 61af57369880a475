package org.cir4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.cir4j.testing.SharedFixtures;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference CLIP fixtures (outputs of OpenAI's clip/model.py on tiny random models). */
final class ClipReferenceCases {

    static final Path ROOT = SharedFixtures.path("fixtures", "clip-ref");
    static final Path VIT_DIR = ROOT.resolve("vit");
    static final Path VIT_OPEN_CLIP = VIT_DIR.resolve("open_clip.safetensors");
    static final Path RN_DIR = ROOT.resolve("rn");
    static final int PLACEHOLDER = 259;

    private final Map<String, NDArray> cases;
    private final NDManager manager;

    ClipReferenceCases(NDManager manager) throws IOException {
        this.manager = manager;
        this.cases = SafeTensors.read(ROOT.resolve("cases.safetensors"), manager);
    }

    NDArray get(String key) {
        NDArray a = cases.get(key);
        assertThat(a).as("fixture tensor %s", key).isNotNull();
        return a;
    }

    /** Token ids are stored as float in the fixture; the model takes int64. */
    NDArray ids(String key) {
        return get(key).toType(DataType.INT64, false);
    }

    NDManager manager() {
        return manager;
    }

    /** Largest absolute difference; fails on shape mismatch. */
    static double maxAbsDiff(NDArray actual, NDArray expected) {
        assertThat(actual.getShape()).isEqualTo(expected.getShape());
        float[] a = actual.toFloatArray();
        float[] e = expected.toFloatArray();
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - e[i]));
        }
        return max;
    }
}
