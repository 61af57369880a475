package org.cir4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing of {@code --option} and {@code --checkpoint} for several methods at once. */
class EvalRunOptionsTest {

    @Test
    void globalOptionsApplyToAllAndScopedOnesWin() {
        Map<String, Map<String, String>> o = MethodOptions.parse(List.of("fiq-captions=both-orders", "sum:parts=raw", "sum:fiq-captions=clip4cir"),
                List.of("text-only", "sum"));
        assertThat(o.get("text-only")).containsExactly(Map.entry("fiq-captions", "both-orders"));
        assertThat(o.get("sum")).containsOnly(Map.entry("fiq-captions", "clip4cir"), Map.entry("parts", "raw"));
        assertThat(MethodOptions.label("sum", o.get("sum"))).isEqualTo("sum[fiq-captions=clip4cir,parts=raw]");
        assertThat(MethodOptions.label("image-only", Map.of())).isEqualTo("image-only");
        assertThat(MethodOptions.label("isearle-oti", Map.of("tokens", "/runs/w/oti-test-isearle.safetensors", "reg", "none")))
                .isEqualTo("isearle-oti[reg=none,tokens=oti-test-isearle.safetensors]");
    }

    @Test
    void malformedOrMisdirectedOptionsAreRejected() {
        assertThatThrownBy(() -> MethodOptions.parse(List.of("parts"), List.of("sum"))).hasMessageContaining("not key=value");
        assertThatThrownBy(() -> MethodOptions.parse(List.of("combiner:gamma=1"), List.of("sum"))).hasMessageContaining("not among --method [sum]");
        assertThatThrownBy(() -> MethodOptions.parse(List.of("sum:=1"), List.of("sum"))).hasMessageContaining("empty key");
    }

    @Test
    void checkpointsForAllOrPerMethod() {
        Map<String, Path> c = EvalRun.checkpoints(List.of("ckpt/common", "combiner=ckpt/comb"), List.of("combiner", "isearle", "sum"));
        assertThat(c).containsEntry("combiner", Path.of("ckpt/comb")).containsEntry("isearle", Path.of("ckpt/common"));
        assertThat(EvalRun.checkpoints(List.of("combiner=x"), List.of("combiner", "sum"))).containsOnlyKeys("combiner");
        assertThatThrownBy(() -> EvalRun.checkpoints(List.of("a", "b"), List.of("sum"))).hasMessageContaining("METHOD=DIR");
    }

    @Test
    void benchmarkAndPreprocessNamesParse() {
        assertThat(BenchmarkSource.parse("World")).isEqualTo(BenchmarkSource.WORLD);
        assertThatThrownBy(() -> BenchmarkSource.parse("coco")).hasMessageContaining("fashioniq, cirr, circo, world");
        assertThat(PreprocessMode.parse("targetpad").create(32).toString()).contains("TARGET_PAD");
        assertThat(PreprocessMode.defaultFor(BenchmarkSource.WORLD)).isEqualTo(PreprocessMode.SQUAREPAD);
        assertThat(PreprocessMode.defaultFor(BenchmarkSource.CIRR)).isEqualTo(PreprocessMode.CLIP);
        assertThat(EvalRun.defaultExclusion(BenchmarkSource.CIRCO)).isEqualTo(Evaluator.ReferenceExclusion.DATASET_DEFAULT);
        assertThat(EvalRun.defaultExclusion(BenchmarkSource.WORLD)).isEqualTo(Evaluator.ReferenceExclusion.ALWAYS);
    }

    @Test
    void worldWithoutManifestAndWrongSplitAreClearErrors(@org.junit.jupiter.api.io.TempDir Path dir) {
        assertThatThrownBy(() -> BenchmarkSource.WORLD.tasks(dir, "val", null, null)).hasMessageContaining("world.json");
        assertThatThrownBy(() -> BenchmarkSource.CIRR.tasks(dir, "train", null, null)).hasMessageContaining("val or test");
        assertThatThrownBy(() -> BenchmarkSource.CIRR.tasks(dir, "val", "shapes", null)).hasMessageContaining("--domain");
    }
}
