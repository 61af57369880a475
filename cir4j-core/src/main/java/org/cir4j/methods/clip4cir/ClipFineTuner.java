package org.cir4j.methods.clip4cir;

import ai.djl.engine.Engine;
import org.cir4j.model.Scalars;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.cir4j.eval.Evaluator;
import org.cir4j.index.GalleryFeatures;
import org.cir4j.model.ClipModel;
import org.cir4j.model.TorchRuntime;
import org.cir4j.text.Tokenizer;
import org.cir4j.train.AdamW;
import org.cir4j.train.TrainingCheckpoint;
import org.cir4j.util.AtomicFiles;

/**
 * Stage 1 of CLIP4Cir, task-oriented fine-tuning (reference {@code clip_fine_tune.py}), and the end-to-end
 * variant of the paper's Tables 5–6.
 *
 * <p><b>Stage 1.</b> φq = ψI(I_q) + ψT(T_q) (raw features), loss = cross-entropy of
 * {@code 100 · normalise(φq) · normalise(ψI(I_t))ᵀ} against the batch's own targets; the image encoder, the
 * text encoder or both are updated ({@link FineTuneMode}). AdamW lr 2e-6, betas (0.9, 0.999), eps 1e-7,
 * weight decay 0.01 on every trained parameter, constant lr (the reference's optimizer); the model stays in
 * eval mode (this CLIP has no dropout; ResNet batch norm always uses its running statistics, i.e. frozen).
 * FashionIQ captions are augmented per step ({@link FashionIqCaptions}). Best epoch by
 * {@link Clip4CirTask#selectionScore} on the validation split (gallery re-encoded with the current weights);
 * early stopping after {@code patience} validations without improvement.
 *
 * <p><b>End-to-end</b> ({@code endToEnd}): the same loop with a Combiner (trained from scratch) as the
 * combining function, CLIP and Combiner updated together — CLIP with the stage-1 optimizer, the Combiner with
 * Adam lr 2e-5 (its stage-2 optimizer; the paper does not state the end-to-end hyper-parameters).
 *
 * <p><b>Memory.</b> Mixed precision and gradient checkpointing (the reference's GPU savers) are not available
 * through DJL's PyTorch bindings. Instead {@code microBatch < batchSize} uses gradient caching (Gao et al.
 * 2021): features of the whole batch are computed without a graph, the contrastive loss is differentiated
 * w.r.t. those features, then each micro-batch is re-encoded with a graph and back-propagated with its cached
 * feature gradients. The parameter gradients equal those of the full batch (the CLIP has no dropout), so the
 * batch size the loss sees is unchanged while activation memory scales with the micro-batch.
 */
public final class ClipFineTuner {

    private static final Logger LOG = Logger.getLogger(ClipFineTuner.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final float SCALE = 100f;

    /** Options; {@link #defaults} follow the paper/reference. */
    public record Options(FineTuneMode mode, boolean endToEnd, int epochs, int batchSize, int microBatch, float learningRate,
                          float weightDecay, float combinerLearningRate, long seed, int validateEvery, int patience,
                          int maxBadSteps) {
        public Options {
            if (epochs < 1 || batchSize < 2 || microBatch < 1 || !(learningRate > 0) || validateEvery < 1 || patience < 0) {
                throw new IllegalArgumentException("invalid fine-tuning options " + this);
            }
        }

        public static Options defaults(FineTuneMode mode) {
            return new Options(mode, false, 150, 512, 512, 2e-6f, 1e-2f, 2e-5f, 0, 1, 10, 10);
        }
    }

    /**
     * @param valSplit split validated on ({@code null}: none, the last epoch is kept)
     */
    public record Settings(Clip4CirTask task, Path root, Path model, Path out, Options options, String preprocess,
                           double targetRatio, String valSplit, boolean resume, int encodeBatch,
                           Evaluator.ReferenceExclusion exclusion) {}

    /** What a run reports. */
    public record Result(long epochs, long steps, double bestScore, long bestEpoch, long skippedSteps, boolean stoppedEarly,
                         Path clipDir) {}

    private ClipFineTuner() {}

    public static Result run(Settings s, TrainingProgress progress) throws IOException {
        Options o = s.options();
        try (ClipSetup clip = ClipSetup.load(s.model(), s.preprocess(), s.targetRatio()); NDManager root = NDManager.newBaseManager()) {
            ClipModel model = clip.model();
            CombinerCheckpoint.BaseModel baseIdentity = CombinerCheckpoint.BaseModel.of(model, s.model());
            Path clipOut = o.endToEnd() ? s.out().resolve(CombinerCheckpoint.CLIP_DIR) : s.out();
            Path trainDir = s.out().resolve("train");
            List<Clip4CirTask.Triplet> triplets = s.task().trainTriplets(s.root());
            int n = triplets.size();
            int batch = Math.min(o.batchSize(), n);
            if (batch < o.batchSize()) {
                LOG.warning("only " + n + " triplets: batch size lowered from " + o.batchSize() + " to " + n);
            }
            int stepsPerEpoch = n / batch; // drop_last, as the reference
            CombinerConfig combinerConfig = CombinerConfig.reference(CombinerVariant.FULL, model.config().embedDim());
            Combiner combiner = null;
            AdamW clipOpt = new AdamW(root, 0.9f, 0.999f, 1e-7f, o.weightDecay(), name -> false);
            AdamW combOpt = new AdamW(root, 0.9f, 0.999f, 1e-8f, 0f, name -> true);
            long epoch = 0;
            long step = 0;
            long skipped = 0;
            double best = -1;
            long bestEpoch = 0;
            long sinceBest = 0;
            try {
                Optional<TrainingCheckpoint.Loaded> last = s.resume() ? TrainingCheckpoint.latest(trainDir, root) : Optional.empty();
                Map<String, NDArray> combinerTensors = new LinkedHashMap<>();
                if (last.isPresent()) {
                    TrainingCheckpoint.Loaded l = last.get();
                    ObjectNode st = l.state();
                    if (!st.path("mode").asText().equals(o.mode().id()) || st.path("end_to_end").asBoolean() != o.endToEnd()) {
                        throw new IllegalArgumentException("cannot resume from " + l.dir() + ": it was mode "
                                + st.path("mode").asText() + (st.path("end_to_end").asBoolean() ? " end-to-end" : "")
                                + ", this run asks for " + o.mode().id() + (o.endToEnd() ? " end-to-end" : ""));
                    }
                    TorchRuntime.withoutGradients(() -> {
                        for (NDArray a : l.params()) {
                            if (a.getName().startsWith("combiner/")) {
                                combinerTensors.put(a.getName().substring("combiner/".length()), a);
                                continue;
                            }
                            NDArray p = model.stateDict().get(a.getName());
                            if (p == null || !p.getShape().equals(a.getShape())) {
                                throw new IllegalArgumentException(l.dir() + ": tensor '" + a.getName() + "' " + a.getShape()
                                        + " does not fit the model" + (p == null ? "" : " (expected " + p.getShape() + ")"));
                            }
                            p.set(new NDIndex("..."), a);
                        }
                        return null;
                    });
                    epoch = st.get("epoch").asLong();
                    step = l.step();
                    skipped = st.get("skipped_steps").asLong();
                    best = st.get("best_score").asDouble();
                    bestEpoch = st.get("best_epoch").asLong();
                    sinceBest = st.get("since_best").asLong();
                }
                Map<String, NDArray> clipParams = model.trainableParameters(o.mode().parameters());
                Map<String, NDArray> combParams = Map.of();
                if (o.endToEnd()) {
                    combiner = combinerTensors.isEmpty() ? Combiner.initialize(combinerConfig, o.seed(), root)
                            : Combiner.of(combinerConfig, combinerTensors, root, "resume");
                    combParams = combiner.trainable(true);
                }
                if (last.isPresent()) {
                    NDList[] split = splitOptimizer(last.get().optimizer());
                    clipOpt.load(split[0], clipParams);
                    if (o.endToEnd()) {
                        combOpt.load(split[1], combParams);
                    }
                    LOG.info("resumed from " + last.get().dir() + " at epoch " + epoch);
                }
                FeatureEncoder encoder = new FeatureEncoder(model, clip.tokenizer(), clip.preprocessor(), s.encodeBatch());
                Validation validation = s.valSplit() == null ? null
                        : new Validation(s.task(), s.task().datasets(s.root(), s.valSplit()),
                                new Evaluator(Evaluator.Options.defaults().withReferenceExclusion(s.exclusion())));
                String title = "CLIP4Cir " + (o.endToEnd() ? "end-to-end" : "stage 1") + " (" + o.mode().id() + ")";
                TrainingLog log = new TrainingLog(s.out(), title, epoch);
                boolean stopped = false;
                while (epoch < o.epochs()) {
                    long t0 = System.nanoTime();
                    epoch++;
                    Random rnd = new Random(o.seed() * 1_000_003L + epoch);
                    Engine.getInstance().setRandomSeed((int) (o.seed() * 7919 + epoch));
                    List<Integer> perm = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        perm.add(i);
                    }
                    java.util.Collections.shuffle(perm, rnd);
                    double lossSum = 0;
                    int lossCount = 0;
                    for (int b = 0; b < stepsPerEpoch; b++) {
                        List<Clip4CirTask.Triplet> items = new ArrayList<>(batch);
                        List<String> texts = new ArrayList<>(batch);
                        for (int i = 0; i < batch; i++) {
                            Clip4CirTask.Triplet t = triplets.get(perm.get(b * batch + i));
                            items.add(t);
                            List<String> forms = s.task().trainingTexts(t.captions());
                            texts.add(forms.size() == 4 ? forms.get(FashionIqCaptions.randomVariant(rnd)) : forms.get(0));
                        }
                        float loss;
                        try (NDManager sm = root.newSubManager()) {
                            loss = step(model, clip.tokenizer(), encoder, combiner, o, items, texts, sm);
                        }
                        step++;
                        if (!Float.isFinite(loss)) {
                            skipped++;
                            zeroGradients(clipParams);
                            zeroGradients(combParams);
                            LOG.warning("step " + step + ": loss is " + loss + ", step skipped (" + skipped + " so far)");
                            if (skipped > o.maxBadSteps()) {
                                throw new IllegalStateException("fine-tuning diverged: " + skipped
                                        + " steps with a non-finite loss (limit " + o.maxBadSteps() + ")");
                            }
                            continue;
                        }
                        clipOpt.step(clipParams, o.learningRate());
                        if (combiner != null) {
                            combOpt.step(combParams, o.combinerLearningRate());
                        }
                        lossSum += loss;
                        lossCount++;
                        progress.update(title + " epoch " + epoch + "/" + o.epochs(), b + 1, stepsPerEpoch);
                    }
                    double score = Double.NaN;
                    boolean save = validation == null;
                    if (validation != null && epoch % o.validateEvery() == 0) {
                        Validation.Outcome v = validate(model, clip.tokenizer(), encoder, combiner, combinerConfig, validation, progress);
                        score = v.score();
                        if (score > best) {
                            best = score;
                            bestEpoch = epoch;
                            sinceBest = 0;
                            save = true;
                            v.report().write(s.out(), "val-best");
                        } else {
                            sinceBest++;
                        }
                    }
                    if (save) {
                        writeModel(s, model, clipOut, baseIdentity, epoch, score);
                        if (combiner != null) {
                            CombinerCheckpoint.BaseModel tuned = CombinerCheckpoint.BaseModel.of(model, clipOut);
                            ObjectNode info = JSON.createObjectNode();
                            info.put("stage", "end-to-end");
                            info.put("mode", o.mode().id());
                            info.put("epoch", epoch);
                            info.put("dataset", s.task().kind().id());
                            info.set("preprocess", CombinerCheckpoint.preprocessJson(clip.preprocessor()));
                            CombinerCheckpoint.write(s.out(), combiner, tuned, CombinerCheckpoint.CLIP_DIR, info);
                        }
                    }
                    log.add(epoch, step, lossCount == 0 ? Double.NaN : lossSum / lossCount, score, skipped,
                            (System.nanoTime() - t0) / 1e9);
                    ObjectNode st = JSON.createObjectNode();
                    st.put("mode", o.mode().id());
                    st.put("end_to_end", o.endToEnd());
                    st.put("epoch", epoch);
                    st.put("skipped_steps", skipped);
                    st.put("best_score", best);
                    st.put("best_epoch", bestEpoch);
                    st.put("since_best", sinceBest);
                    NDList params = new NDList();
                    clipParams.forEach((k, v) -> params.add(named(v, k)));
                    combParams.forEach((k, v) -> params.add(named(v, "combiner/" + k)));
                    NDList opt = new NDList();
                    for (NDArray a : clipOpt.state()) {
                        opt.add(named(a, "clip/" + a.getName()));
                    }
                    for (NDArray a : combOpt.state()) {
                        opt.add(named(a, "combiner/" + a.getName()));
                    }
                    TrainingCheckpoint.save(trainDir, step, params, opt, st, 1);
                    if (o.patience() > 0 && sinceBest >= o.patience()) {
                        LOG.info("early stop at epoch " + epoch + ": no improvement for " + sinceBest + " validations");
                        stopped = true;
                        break;
                    }
                }
                return new Result(epoch, step, best, bestEpoch, skipped, stopped, clipOut);
            } finally {
                model.trainableParameters(n2 -> false);
                clipOpt.close();
                combOpt.close();
                if (combiner != null) {
                    combiner.close();
                }
            }
        }
    }

    /** A view of {@code a} named {@code name} (safetensors keys come from array names). */
    private static NDArray named(NDArray a, String name) {
        NDArray v = a.duplicate();
        v.setName(name);
        return v;
    }

    private static NDList[] splitOptimizer(NDList state) {
        NDList clip = new NDList();
        NDList comb = new NDList();
        for (NDArray a : state) {
            String name = a.getName();
            if (name.startsWith("clip/")) {
                a.setName(name.substring(5));
                clip.add(a);
            } else if (name.startsWith("combiner/")) {
                a.setName(name.substring(9));
                comb.add(a);
            } else {
                throw new IllegalArgumentException("optimizer state entry '" + name + "' belongs to neither clip/ nor combiner/");
            }
        }
        return new NDList[] {clip, comb};
    }

    private static void zeroGradients(Map<String, NDArray> params) {
        for (NDArray p : params.values()) {
            if (p.hasGradient()) {
                AdamW.zero(p.getGradient());
            }
        }
    }

    /** The combining function of the loss: normalise(ψI + ψT) (stage 1) or the Combiner (end-to-end). */
    private static NDArray logits(NDArray ref, NDArray text, NDArray target, Combiner combiner) {
        if (combiner != null) {
            return combiner.logits(ref, text, target, true);
        }
        return Scalars.mul(Combiner.normalize(ref.add(text)).matMul(Combiner.normalize(target).transpose()), SCALE);
    }

    /** One optimisation step's forward and backward; returns the loss (gradients left in the parameters). */
    static float step(ClipModel model, Tokenizer tokenizer, FeatureEncoder encoder, Combiner combiner, Options o,
                      List<Clip4CirTask.Triplet> items, List<String> texts, NDManager sm) {
        int b = items.size();
        List<java.nio.file.Path> files = new ArrayList<>(2 * b);
        items.forEach(t -> files.add(t.reference()));
        items.forEach(t -> files.add(t.target()));
        NDArray pixels = sm.create(encoder.pixels(files), encoder.pixelShape(2 * b));
        NDArray ids = ClipModel.tokenIds(tokenizer.batch(texts, model.config().text().contextLength(),
                Tokenizer.Truncation.TRUNCATE), sm);
        if (o.microBatch() >= b) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray img = model.encodeImage(pixels);
                NDArray ref = img.get(new NDIndex("0:" + b));
                NDArray tgt = img.get(new NDIndex(b + ":"));
                NDArray loss = CombinerTrainer.contrastiveLoss(logits(ref, model.encodeText(ids), tgt, combiner));
                float v = loss.getFloat();
                if (Float.isFinite(v)) {
                    gc.backward(loss);
                }
                return v;
            }
        }
        // Gradient caching: 1) features without a graph, micro-batch by micro-batch
        int m = o.microBatch();
        NDArray[] feats = TorchRuntime.withoutGradients(() -> {
            NDList img = new NDList();
            for (int a = 0; a < 2 * b; a += m) {
                img.add(model.encodeImage(pixels.get(new NDIndex(a + ":" + Math.min(2 * b, a + m)))));
            }
            NDList txt = new NDList();
            for (int a = 0; a < b; a += m) {
                txt.add(model.encodeText(ids.get(new NDIndex(a + ":" + Math.min(b, a + m)))));
            }
            return new NDArray[] {NDArrays.concat(img, 0), NDArrays.concat(txt, 0)};
        });
        NDArray ref = feats[0].get(new NDIndex("0:" + b)).duplicate();
        NDArray tgt = feats[0].get(new NDIndex(b + ":")).duplicate();
        NDArray txt = feats[1].duplicate();
        ref.setRequiresGradient(true);
        tgt.setRequiresGradient(true);
        txt.setRequiresGradient(true);
        // 2) the loss and its gradient w.r.t. the features (and the Combiner's parameters, end-to-end)
        float v;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = CombinerTrainer.contrastiveLoss(logits(ref, txt, tgt, combiner));
            v = loss.getFloat();
            if (Float.isFinite(v)) {
                gc.backward(loss);
            }
        }
        if (!Float.isFinite(v)) {
            return v;
        }
        NDArray dImg = NDArrays.concat(new NDList(ref.getGradient(), tgt.getGradient()), 0).duplicate();
        NDArray dTxt = txt.getGradient().duplicate();
        // 3) re-encode each micro-batch with a graph; backward of <features, cached gradient> accumulates exactly
        //    the full batch's parameter gradients
        if (o.mode().trainsImage()) {
            for (int a = 0; a < 2 * b; a += m) {
                NDIndex r = new NDIndex(a + ":" + Math.min(2 * b, a + m));
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(model.encodeImage(pixels.get(r)).mul(dImg.get(r)).sum());
                }
            }
        }
        if (o.mode().trainsText()) {
            for (int a = 0; a < b; a += m) {
                NDIndex r = new NDIndex(a + ":" + Math.min(b, a + m));
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    gc.backward(model.encodeText(ids.get(r)).mul(dTxt.get(r)).sum());
                }
            }
        }
        return v;
    }

    /** Validation with the current weights: the gallery is re-encoded (the image encoder may have changed). */
    private static Validation.Outcome validate(ClipModel model, Tokenizer tokenizer, FeatureEncoder encoder, Combiner combiner,
                                               CombinerConfig combinerConfig, Validation validation, TrainingProgress progress) {
        GalleryFeatures gallery = validation.encodeGallery(encoder, progress);
        try (NDManager m = NDManager.newBaseManager()) {
            Combiner c = combiner != null ? combiner : Combiner.initialize(
                    new CombinerConfig(CombinerVariant.SUM, combinerConfig.featureDim(), 1, 1, 0.5, 100), 0, m);
            try (CombinerComposer composer = new CombinerComposer(combiner != null ? "end-to-end" : "sum", c, false, model, tokenizer)) {
                return validation.run(gallery, composer);
            }
        }
    }

    /** Writes the fine-tuned CLIP (+ tokenizer files of the base, + the stage-1 marker) into {@code dir}. */
    private static void writeModel(Settings s, ClipModel model, Path dir, CombinerCheckpoint.BaseModel base, long epoch,
                                   double score) throws IOException {
        Files.createDirectories(dir);
        Set<String> weights = Set.of("model.safetensors", "config.json", "open_clip_model.safetensors", "open_clip_config.json",
                "model.safetensors.index.json", ClipSetup.FINE_TUNE_MARKER);
        try (Stream<Path> files = Files.list(s.model())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String name = f.getFileName().toString();
                if (!weights.contains(name)) {
                    Path tmp = dir.resolve("." + name + ".tmp");
                    Files.copy(f, tmp, StandardCopyOption.REPLACE_EXISTING);
                    AtomicFiles.move(tmp, dir.resolve(name));
                }
            }
        }
        ClipSetup.saveModel(model, dir);
        Options o = s.options();
        ObjectNode marker = JSON.createObjectNode();
        marker.put("format_version", 1);
        marker.put("stage", o.endToEnd() ? "end-to-end" : "finetune");
        marker.put("mode", o.mode().id());
        marker.set("base_model", JSON.valueToTree(Map.of("fingerprint", base.fingerprint(),
                "file_sha256", base.fileSha256() == null ? "" : base.fileSha256(), "path", String.valueOf(base.path()))));
        marker.put("epoch", epoch);
        if (!Double.isNaN(score)) {
            marker.put("val_selection_score", score);
        }
        marker.put("dataset", s.task().name());
        marker.put("batch_size", o.batchSize());
        marker.put("micro_batch", o.microBatch());
        marker.put("learning_rate", o.learningRate());
        marker.put("weight_decay", o.weightDecay());
        marker.put("preprocess", s.preprocess());
        marker.put("seed", o.seed());
        AtomicFiles.writeString(dir.resolve(ClipSetup.FINE_TUNE_MARKER), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(marker));
    }

}
