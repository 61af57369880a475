package org.cir4j.methods.searle;

import ai.djl.engine.Engine;
import org.cir4j.model.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.logging.Logger;
import org.cir4j.model.ClipModel;
import org.cir4j.text.Tokenizer;
import org.cir4j.train.AdamW;
import org.cir4j.train.TrainingCheckpoint;
import org.cir4j.util.AtomicFiles;
import org.cir4j.world.ProgressListener;

/**
 * Trains φ by distilling a bank of OTI tokens (iSEARLE Sec. III-B): L_φ = λ_distil·L_distil + λ_gpt·L_gpt
 * + λ_pen·L_pen, AdamW, k-means hard-negative batches, EMA of the weights; the frozen CLIP is only used
 * for L_gpt (and the cycle ablation). Resumable: every {@code checkpointEvery} steps the weights, their
 * EMA, the optimizer state and the step go to {@code OUT/checkpoints} atomically; batches and dropout are
 * re-seeded per epoch and step from the run's seed, so a resumed run continues the same sequence.
 *
 * <p>Runs are isolated: φ's parameters are fresh arrays, every gradient is zeroed by the optimizer after
 * its step (and explicitly before the first), and the CLIP's weights are set to not require gradients,
 * so two trainings in one JVM with the same seed give identical weights.
 */
public final class PhiTrainer {
    private static final Logger LOG = Logger.getLogger(PhiTrainer.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the run did. */
    /** {@code steps}: the run's total; {@code stepsRun}: how many this call ran (0 when resuming a finished run). */
    public record Summary(PhiNetwork phi, int steps, int stepsRun, int skippedSteps, double finalLoss, Path outDir) {}

    private final ClipModel model;
    private final BaseModel base;
    private final PseudoWordText text;
    private final PhiOptions options;
    private final GptRegulariser regulariser;

    public PhiTrainer(ClipModel model, BaseModel base, Tokenizer tokenizer, PhraseBank usableBank,
                      List<String> concepts, PhiOptions options) {
        this.model = model;
        this.base = base;
        this.text = new PseudoWordText(model, tokenizer);
        this.options = options;
        this.regulariser = options.regularisation() == Regularisation.NONE ? null
                : new GptRegulariser(text, usableBank, concepts, Regularisation.GPT, true);
        model.trainableParameters(n -> false);
    }

    /**
     * @param features  raw CLIP image features (N,d)
     * @param targets   the OTI tokens of the same images (N,w); may be null for distil = cycle/none
     * @param concepts  per image, indices of its top-k concepts (for L_gpt); may be null when reg = none
     * @param out       output directory (φ, config, CSV log, loss PNG, checkpoints/)
     * @param extraConfig fields added to the saved config.json (method name, preset, …)
     */
    public Summary train(float[][] features, float[][] targets, int[][] concepts, Path out, boolean resume, long seed,
                         ObjectNode extraConfig, ProgressListener progress) throws IOException {
        int n = features.length;
        boolean needTargets = options.distil() == Distillation.CONTRASTIVE || options.distil() == Distillation.COSINE;
        if (needTargets && (targets == null || targets.length != n)) {
            throw new IllegalArgumentException("phi: distillation needs one OTI token per image: " + n + " images, "
                    + (targets == null ? "no" : Integer.toString(targets.length)) + " tokens");
        }
        if (regulariser != null && (concepts == null || concepts.length != n)) {
            throw new IllegalArgumentException("phi: L_gpt needs the concepts of every image");
        }
        int batch = Math.min(options.batchSize(), n);
        int perEpoch = HardNegativeBatches.batchesPerEpoch(n, batch);
        int totalSteps = options.epochs() * perEpoch;
        int k = options.clusters() > 0 ? options.clusters() : Math.max(2, n / (2 * batch));
        int[] clusters = options.alpha() > 0 ? KMeans.cluster(features, Math.min(k, n), 50, seed) : null;
        HardNegativeBatches batches = new HardNegativeBatches(clusters, batch, options.alpha());
        Files.createDirectories(out);
        Path ckptDir = out.resolve("checkpoints");
        Path csv = out.resolve("train_log.csv");

        PhiNetwork phi = PhiNetwork.init(features[0].length, model.config().text().width(), options.dropout(), seed,
                model.manager());
        try (NDManager run = model.manager().newSubManager()) {
            Map<String, NDArray> params = phi.parameters();
            Map<String, NDArray> ema = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                NDArray copy = e.getValue().duplicate();
                copy.attach(run);
                ema.put(e.getKey(), copy);
                e.getValue().setRequiresGradient(true);
            }
            AdamW optimizer = new AdamW(run, 0.9f, 0.999f, 1e-8f, options.weightDecay(), name -> false);
            int startStep = 0;
            List<String> log = new ArrayList<>();
            if (resume) {
                Optional<TrainingCheckpoint.Loaded> ck = TrainingCheckpoint.latest(ckptDir, run);
                if (ck.isPresent()) {
                    TrainingCheckpoint.Loaded l = ck.get();
                    checkResumable(l.state());
                    Map<String, NDArray> p = new LinkedHashMap<>();
                    Map<String, NDArray> e = new LinkedHashMap<>();
                    for (NDArray a : l.params()) {
                        (a.getName().startsWith("ema.") ? e : p).put(a.getName().replaceFirst("^(ema|param)\\.", ""), a);
                    }
                    phi.load(p);
                    for (Map.Entry<String, NDArray> en : ema.entrySet()) {
                        en.getValue().set(new ai.djl.ndarray.index.NDIndex("..."), e.get(en.getKey()));
                    }
                    optimizer.load(l.optimizer(), params);
                    startStep = (int) l.step();
                    if (Files.exists(csv)) {
                        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
                        for (String line : lines.subList(1, lines.size())) {
                            if (Integer.parseInt(line.substring(0, line.indexOf(','))) < startStep) {
                                log.add(line);
                            }
                        }
                    }
                    LOG.info("phi: resuming " + out + " at step " + startStep);
                }
            } else if (Files.exists(ckptDir.resolve("latest"))) {
                throw new IOException(out + " holds a training run; pass --resume to continue it or choose another --out");
            }
            for (NDArray p : params.values()) {
                if (p.hasGradient()) {
                    AdamW.zero(p.getGradient());
                }
            }
            int skipped = 0;
            double last = Double.NaN;
            List<int[]> epochBatches = null;
            int epochOf = -1;
            for (int step = startStep; step < totalSteps; step++) {
                int epoch = step / perEpoch;
                if (epoch != epochOf) {
                    epochBatches = batches.epoch(n, new SplittableRandom(seed * 7919L + epoch));
                    epochOf = epoch;
                }
                int[] idx = epochBatches.get(step % perEpoch);
                SplittableRandom rng = new SplittableRandom(seed * 104_729L + step);
                Engine.getInstance().setRandomSeed((int) (seed * 31 + step));
                float[][] xb = pick(features, idx);
                List<String[]> pairs = regulariser == null ? null : regulariser.sample(pickInts(concepts, idx), rng);
                double[] parts = new double[4];
                boolean finite;
                try (NDScope scope = new NDScope(); NDManager s = run.newSubManager();
                     GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    scope.suppressNotUsedWarning();
                    NDArray x = Nd.floats(s, xb);
                    NDArray v = phi.forward(x, true);
                    NDArray loss = null;
                    if (options.distil() != Distillation.NONE && options.lambdaDistil() > 0) {
                        NDArray ld = switch (options.distil()) {
                            case CONTRASTIVE -> Losses.contrastiveDistillation(Nd.floats(s, pick(targets, idx)), v, options.tau());
                            case COSINE -> Losses.cosineDistillation(Nd.floats(s, pick(targets, idx)), v);
                            case CYCLE -> Losses.cycleContrastive(x, text.encode(Collections.nCopies(idx.length,
                                    PromptTemplates.fill(PromptTemplates.PLAIN, "$")), v, s), options.tau());
                            case NONE -> throw new IllegalStateException();
                        };
                        parts[1] = ld.getFloat();
                        loss = Scalars.mul(ld, options.lambdaDistil());
                    }
                    if (pairs != null && options.lambdaGpt() > 0) {
                        NDArray lg = regulariser.loss(pairs, v, s, ContentLoss.COSINE);
                        parts[2] = lg.getFloat();
                        loss = add(loss, Scalars.mul(lg, options.lambdaGpt()));
                    }
                    if (options.lambdaPen() > 0) {
                        NDArray lp = Losses.penalty(v);
                        parts[3] = lp.getFloat();
                        loss = add(loss, Scalars.mul(lp, options.lambdaPen()));
                    }
                    if (loss == null) {
                        throw new IllegalArgumentException("phi: every loss term is switched off");
                    }
                    parts[0] = loss.getFloat();
                    finite = Double.isFinite(parts[0]);
                    if (finite) {
                        gc.backward(loss);
                    }
                }
                if (!finite) {
                    skipped++;
                    LOG.warning("phi: non-finite loss at step " + step + ", step skipped (" + skipped + " so far)");
                    for (NDArray p : params.values()) {
                        if (p.hasGradient()) {
                            AdamW.zero(p.getGradient());
                        }
                    }
                    if (skipped > options.maxBadSteps()) {
                        throw new IllegalStateException("phi: " + skipped + " non-finite losses (limit "
                                + options.maxBadSteps() + "), last at step " + step);
                    }
                    continue;
                }
                optimizer.step(params, options.learningRate());
                if (options.emaDecay() > 0) {
                    for (Map.Entry<String, NDArray> e : params.entrySet()) {
                        try (NDArray upd = e.getValue().mul(1 - options.emaDecay())) {
                            ema.get(e.getKey()).muli(options.emaDecay()).addi(upd);
                        }
                    }
                }
                last = parts[0];
                log.add(String.format(java.util.Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f,%.6f", step, epoch, parts[0], parts[1], parts[2], parts[3]));
                progress.update("phi training", step + 1, totalSteps);
                boolean lastStep = step == totalSteps - 1;
                if ((step + 1) % options.checkpointEvery() == 0 || lastStep) {
                    NDList state = phi.asList("param.");
                    ema.forEach((name, a) -> {
                        NDArray d = a.duplicate();
                        d.setName("ema." + name);
                        state.add(d);
                    });
                    ObjectNode st = JSON.createObjectNode();
                    st.put("seed", seed);
                    options.describe().forEach(st::put);
                    st.put("base_model", base.identity());
                    TrainingCheckpoint.save(ckptDir, step + 1, state, optimizer.state(), st, 2);
                    state.close();
                    writeLog(csv, log);
                }
            }
            writeLog(csv, log);
            plot(out, log);
            if (Double.isNaN(last) && !log.isEmpty()) {
                String[] f = log.get(log.size() - 1).split(",");
                last = Double.parseDouble(f[2]);
            }
            if (options.emaDecay() > 0) {
                phi.load(ema);
            }
            for (NDArray p : params.values()) {
                p.setRequiresGradient(false);
            }
            ObjectNode extra = extraConfig == null ? JSON.createObjectNode() : extraConfig.deepCopy();
            ObjectNode opts = extra.putObject("phi_options");
            options.describe().forEach(opts::put);
            extra.put("seed", seed);
            extra.put("steps", totalSteps);
            extra.put("images", n);
            phi.save(out, base, extra);
            optimizer.close();
            return new Summary(phi, totalSteps, totalSteps - startStep, skipped, last, out);
        } catch (IOException | RuntimeException e) {
            phi.close();
            throw e;
        }
    }

    private void checkResumable(ObjectNode state) {
        for (Map.Entry<String, String> e : options.describe().entrySet()) {
            if (e.getKey().equals("checkpoint-every") || e.getKey().equals("max-bad-steps")) {
                continue;
            }
            String had = state.path(e.getKey()).asText(null);
            if (had != null && !had.equals(e.getValue())) {
                throw new IllegalArgumentException("cannot resume: the run was started with " + e.getKey() + "=" + had
                        + ", this one has " + e.getValue());
            }
        }
        String had = state.path("base_model").asText(null);
        if (had != null && !had.equals(base.identity())) {
            throw new IllegalArgumentException("cannot resume: the run was started on base model " + had
                    + ", the loaded model is " + base.identity());
        }
    }

    private static NDArray add(NDArray a, NDArray b) {
        return a == null ? b : a.add(b);
    }

    private static float[][] pick(float[][] all, int[] idx) {
        float[][] out = new float[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = all[idx[i]];
        }
        return out;
    }

    private static int[][] pickInts(int[][] all, int[] idx) {
        int[][] out = new int[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = all[idx[i]];
        }
        return out;
    }

    private static void writeLog(Path csv, List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder("step,epoch,loss,distil,gpt,pen\n");
        lines.forEach(l -> sb.append(l).append('\n'));
        AtomicFiles.writeString(csv, sb.toString());
    }

    private static void plot(Path out, List<String> lines) throws IOException {
        List<Integer> steps = new ArrayList<>();
        Map<String, List<Double>> series = new LinkedHashMap<>();
        String[] names = {"total", "distil", "gpt", "pen"};
        for (String nme : names) {
            series.put(nme, new ArrayList<>());
        }
        for (String l : lines) {
            String[] f = l.split(",");
            steps.add(Integer.parseInt(f[0]));
            for (int i = 0; i < 4; i++) {
                series.get(names[i]).add(Double.parseDouble(f[2 + i]));
            }
        }
        LossPlot.write(out.resolve("loss.png"), "phi training", steps, series);
    }
}
