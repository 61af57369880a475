package org.cir4j.methods.searle;

import ai.djl.engine.Engine;
import org.cir4j.model.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.logging.Logger;
import org.cir4j.model.ClipModel;
import org.cir4j.train.AdamW;

/**
 * Optimisation-based textual inversion, batched: for B images at once, B pseudo-word tokens v* are
 * optimised so that ψT(template with v*) matches ψI(image) (L_content, with Gaussian noise γ on the text
 * features), regularised by L_gpt; AdamW with weight decay on v*, EMA of v* as the output. The text
 * encoder stays frozen (its weights are set to not require gradients).
 *
 * <p>Randomness (initialisation, templates, concepts, phrases, noise) comes from one Java
 * {@link SplittableRandom} per batch seeded by the caller, so a batch inverts identically whenever it is
 * re-run (what makes {@code cir4j oti --resume} reproducible).
 */
public final class Oti {
    private static final Logger LOG = Logger.getLogger(Oti.class.getName());

    private final PseudoWordText text;
    private final ConceptAssociation association;
    private final GptRegulariser regulariser;
    private final OtiOptions options;
    private final List<String> templates;

    /** Loss curves of one batch (mean over its images, per step) and the skipped (non-finite) steps. */
    public record Result(float[][] tokens, float[] content, float[] gpt, float[] total, int skippedSteps) {}

    /**
     * @param bank        the phrase bank, already filtered ({@link PhraseBank#usable()})
     * @param association concept association over {@code bank}'s concepts
     */
    public Oti(ClipModel model, org.cir4j.text.Tokenizer tokenizer, PhraseBank bank, ConceptAssociation association,
               OtiOptions options) {
        this.text = new PseudoWordText(model, tokenizer);
        this.association = association;
        this.options = options;
        this.regulariser = new GptRegulariser(text, bank, association.concepts(), options.regularisation(), false);
        List<String> ts = new ArrayList<>();
        for (String t : PromptTemplates.usable(PromptTemplates.PALAVRA, tokenizer)) {
            ts.add(PromptTemplates.fill(t, " $ "));
        }
        this.templates = List.copyOf(ts);
        model.trainableParameters(n -> false);
    }

    public OtiOptions options() {
        return options;
    }

    public List<String> templates() {
        return templates;
    }

    /**
     * Inverts one batch of images.
     *
     * @param imageFeatures ψI of each image (B,d), raw (cosine losses ignore the scale; the L2 ablation
     *                      uses it as CLIP returns it)
     * @param seed          the batch's seed
     */
    public Result invert(float[][] imageFeatures, long seed) {
        ClipModel model = text.model();
        int b = imageFeatures.length;
        int w = model.config().text().width();
        int d = model.config().embedDim();
        SplittableRandom rng = new SplittableRandom(seed);
        int[][] concepts = options.regularisation() == Regularisation.NONE ? null
                : association.topK(imageFeatures, options.topK());
        float[] content = new float[options.steps()];
        float[] gpt = new float[options.steps()];
        float[] total = new float[options.steps()];
        int skipped = 0;
        try (NDManager run = model.manager().newSubManager()) {
            NDArray x = Nd.floats(run, imageFeatures);
            float[] init = new float[b * w];
            for (int i = 0; i < init.length; i++) {
                init[i] = (float) (Nd.gaussian(rng) * options.initStd());
            }
            NDArray v = Nd.floats(run, init, new Shape(b, w));
            v.setRequiresGradient(true);
            NDArray ema = Nd.floats(run, init, new Shape(b, w));
            AdamW optimizer = new AdamW(run, 0.9f, 0.999f, 1e-8f, options.weightDecay(), n -> false);
            Map<String, NDArray> params = Map.of("v", v);
            float norm = options.normaliseWeights() ? options.lambdaContent() + options.lambdaGpt() : 1f;
            for (int step = 0; step < options.steps(); step++) {
                List<String> prompts = new ArrayList<>(b);
                for (int i = 0; i < b; i++) {
                    prompts.add(templates.get(rng.nextInt(templates.size())));
                }
                List<String[]> pairs = concepts == null ? null : regulariser.sample(concepts, rng);
                float[] noise = null;
                if (options.gamma() > 0) {
                    noise = new float[b * d];
                    for (int i = 0; i < noise.length; i++) {
                        noise[i] = (float) (Nd.gaussian(rng) * options.gamma());
                    }
                }
                float lossValue;
                try (NDScope scope = new NDScope(); NDManager s = run.newSubManager();
                     GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    scope.suppressNotUsedWarning();
                    NDArray y = text.encode(prompts, v, s);
                    NDArray yBar = noise == null ? y : y.add(Nd.floats(s, noise, new Shape(b, d)));
                    NDArray lc = Losses.distance(x, yBar, options.loss());
                    NDArray loss = Scalars.mul(lc, options.lambdaContent());
                    float lg = 0;
                    if (pairs != null) {
                        NDArray g = regulariser.loss(pairs, v, s, options.loss());
                        loss = loss.add(Scalars.mul(g, options.lambdaGpt()));
                        lg = g.getFloat();
                    }
                    loss = Scalars.mul(loss, 1f / norm);
                    lossValue = loss.getFloat();
                    content[step] = lc.getFloat();
                    gpt[step] = lg;
                    total[step] = lossValue;
                    if (Float.isFinite(lossValue)) {
                        gc.backward(loss);
                    }
                }
                if (!Float.isFinite(lossValue)) {
                    skipped++;
                    LOG.warning("OTI: non-finite loss " + lossValue + " at step " + step + " (seed " + seed
                            + "), step skipped (" + skipped + " so far)");
                    if (skipped > options.maxBadSteps()) {
                        throw new IllegalStateException("OTI: " + skipped + " non-finite losses in one batch (limit "
                                + options.maxBadSteps() + "); last at step " + step);
                    }
                    continue;
                }
                optimizer.step(params, options.learningRate());
                if (options.emaDecay() > 0) {
                    try (NDArray update = v.mul(1 - options.emaDecay())) {
                        ema.muli(options.emaDecay()).addi(update);
                    }
                }
            }
            float[][] out = Nd.rows(options.emaDecay() > 0 ? ema : v);
            optimizer.close();
            return new Result(out, content, gpt, total, skipped);
        }
    }
}
