package org.cir4j.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Gradients through the functional model: to pseudo-token vectors and to exactly the parameters marked trainable. */
class ClipGradientTest {

    private NDManager manager;
    private ClipReferenceCases cases;
    private ClipModel model;

    @BeforeEach
    void load() throws IOException {
        manager = NDManager.newBaseManager();
        cases = new ClipReferenceCases(manager);
        model = ClipCheckpoints.load(ClipReferenceCases.VIT_DIR, manager);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private NDArray randomArray(long seed, Shape shape) {
        Random rnd = new Random(seed);
        float[] v = new float[(int) shape.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return manager.create(v, shape);
    }

    /** A scalar function of the pseudo-token text features: a fixed random projection of all of them. */
    private NDArray loss(NDArray vectors, NDArray weights) {
        NDArray feats = model.encodeTextWithPseudoTokens(cases.ids("vit.pseudo.input_ids"), vectors,
                ClipReferenceCases.PLACEHOLDER);
        return feats.mul(weights).sum();
    }

    @Test
    void pseudoTokenVectorsGetCorrectGradients() {
        NDArray vectors = cases.get("vit.pseudo.vectors").duplicate();
        NDArray weights = randomArray(11, new Shape(5, 48));
        vectors.setRequiresGradient(true);
        NDArray grad;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(loss(vectors, weights));
        }
        grad = vectors.getGradient().duplicate();
        float[] g = grad.toFloatArray();
        double norm = 0;
        for (float x : g) {
            assertThat(Float.isFinite(x)).isTrue();
            norm += x * x;
        }
        assertThat(norm).isGreaterThan(1e-6);
        // Every one of the three vectors (rows 0, 2, 4 of the batch) influences its own row.
        for (int k = 0; k < 3; k++) {
            assertThat(grad.get(k).abs().sum().getFloat()).isGreaterThan(0f);
        }

        // Central finite difference along a random direction agrees with the analytic gradient.
        NDArray direction = randomArray(12, new Shape(3, 64));
        direction = direction.div(direction.norm());
        float h = 1e-2f;
        NDArray base = cases.get("vit.pseudo.vectors");
        double plus = loss(base.add(direction.mul(h)), weights).getFloat();
        double minus = loss(base.sub(direction.mul(h)), weights).getFloat();
        double numeric = (plus - minus) / (2 * h);
        double analytic = grad.mul(direction).sum().getFloat();
        assertThat(analytic).isCloseTo(numeric, within(0.02 * Math.abs(numeric) + 1e-3));
    }

    @Test
    void onlyParametersMarkedTrainableReceiveGradients() {
        Map<String, NDArray> trainable = model.trainableParameters(n -> n.startsWith("visual."));
        assertThat(trainable).isNotEmpty().allSatisfy((name, a) -> assertThat(name).startsWith("visual."));
        assertThat(model.stateDict().get("visual.proj").hasGradient()).isTrue();
        assertThat(model.stateDict().get("text_projection").hasGradient()).isFalse();
        assertThat(model.tokenEmbedding().hasGradient()).isFalse();

        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray img = model.encodeImage(cases.get("vit.pixel_values"));
            NDArray txt = model.encodeText(cases.ids("vit.input_ids"));
            gc.backward(model.logits(img, txt).sum());
        }
        for (String name : new String[] {"visual.proj", "visual.conv1.weight", "visual.class_embedding",
                "visual.transformer.resblocks.0.attn.in_proj_weight"}) {
            float[] g = model.stateDict().get(name).getGradient().toFloatArray();
            double sum = 0;
            for (float x : g) {
                assertThat(Float.isFinite(x)).isTrue();
                sum += Math.abs(x);
            }
            assertThat(sum).as("gradient of %s", name).isGreaterThan(0);
        }

        // A second identical backward after zeroGradients gives the same gradient, not twice it.
        float[] once = model.stateDict().get("visual.proj").getGradient().toFloatArray();
        model.zeroGradients();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            gc.backward(model.logits(model.encodeImage(cases.get("vit.pixel_values")),
                    model.encodeText(cases.ids("vit.input_ids"))).sum());
        }
        assertThat(model.stateDict().get("visual.proj").getGradient().toFloatArray()).containsExactly(once);

        model.trainableParameters(n -> false);
        assertThat(model.parameters().values()).noneMatch(NDArray::hasGradient);
    }

    /** CLIP's symmetric contrastive loss over matching (image i, text i) pairs. */
    private static NDArray contrastiveLoss(NDArray logitsPerImage) {
        long n = logitsPerImage.getShape().get(0);
        NDArray eye = logitsPerImage.getManager().eye((int) n);
        NDArray li = logitsPerImage.logSoftmax(1).mul(eye).sum().neg();
        NDArray lt = logitsPerImage.logSoftmax(0).mul(eye).sum().neg();
        return li.add(lt).div(2 * n);
    }

    @Test
    void djlOptimizerTrainsTheNamedParametersInPlace() {
        Map<String, NDArray> trainable = model.trainableParameters(n -> n.equals("text_projection")
                || n.equals("visual.proj") || n.equals("logit_scale"));
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-2f)).build();
        NDArray pixels = cases.get("vit.pixel_values");
        NDArray ids = cases.ids("vit.input_ids").get("0:3");
        NDArray frozenBefore = model.tokenEmbedding().duplicate();
        float first = Float.NaN;
        float last = Float.NaN;
        for (int step = 0; step < 5; step++) {
            model.zeroGradients();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = contrastiveLoss(model.logits(model.encodeImage(pixels), model.encodeText(ids)));
                gc.backward(loss);
                float value = loss.getFloat();
                first = step == 0 ? value : first;
                last = value;
            }
            trainable.forEach((name, w) -> adam.update(name, w, w.getGradient()));
        }
        assertThat(last).isLessThan(first);
        assertThat(model.tokenEmbedding().toFloatArray()).containsExactly(frozenBefore.toFloatArray());
    }

    @Test
    void parametersExcludeBatchNormStatisticsButStateDictHasThem() throws IOException {
        ClipModel rn = ClipCheckpoints.load(ClipReferenceCases.RN_DIR, manager);
        assertThat(rn.stateDict()).containsKey("visual.bn1.running_mean");
        assertThat(rn.parameters()).doesNotContainKey("visual.bn1.running_mean").containsKey("visual.bn1.weight");
        assertThat(rn.stateDict().size() - rn.parameters().size())
                .isEqualTo(rn.stateDict().keySet().stream().filter(ClipStateLayout::isBuffer).count());
    }
}
