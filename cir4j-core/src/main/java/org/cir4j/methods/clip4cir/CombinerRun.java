package org.cir4j.methods.clip4cir;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.cir4j.data.CirDataset;
import org.cir4j.data.GalleryImage;
import org.cir4j.eval.EvalReport;
import org.cir4j.eval.Evaluator;
import org.cir4j.image.ImagePreprocessor;
import org.cir4j.index.FeatureCache;
import org.cir4j.index.GalleryFeatures;

/**
 * One stage-2 run end to end ({@code cir4j train combiner}): load the (fine-tuned) CLIP frozen, cache the
 * training triplets' features, encode the validation gallery once, train the Combiner with validation and
 * best-checkpoint selection, and optionally score the best checkpoint on a held-out split.
 */
public final class CombinerRun {

    /**
     * @param valSplit   split validated on during training ({@code null}: none, the last epoch is kept)
     * @param testSplit  split the best checkpoint is scored on at the end ({@code null}: none)
     * @param cacheDir   feature caches (train triplets, galleries)
     */
    public record Settings(Clip4CirTask task, Path root, Path model, Path out, CombinerConfig combiner,
                           CombinerTrainer.Options training, String preprocess, double targetRatio, String valSplit,
                           String testSplit, Path cacheDir, boolean resume, int encodeBatch,
                           Evaluator.ReferenceExclusion exclusion) {}

    /** What a run produced. */
    public record Summary(CombinerTrainer.Result training, EvalReport test, Path checkpoint) {}

    private CombinerRun() {}

    public static Summary run(Settings s, TrainingProgress progress) throws IOException {
        try (ClipSetup clip = ClipSetup.load(s.model(), s.preprocess(), s.targetRatio())) {
            clip.model().trainableParameters(n -> false); // frozen: stage 2 never touches the CLIP
            Files.createDirectories(s.out());
            String galleryModel = null;
            if (clip.isFineTuned()) {
                copyModel(s.model(), s.out().resolve(CombinerCheckpoint.CLIP_DIR));
                galleryModel = CombinerCheckpoint.CLIP_DIR;
            }
            CombinerCheckpoint.BaseModel base = CombinerCheckpoint.BaseModel.of(clip.model(), s.model());
            FeatureEncoder encoder = new FeatureEncoder(clip.model(), clip.tokenizer(), clip.preprocessor(), s.encodeBatch());
            Evaluator evaluator = new Evaluator(Evaluator.Options.defaults().withReferenceExclusion(s.exclusion()));
            CombinerTrainer.Result result = null;
            if (s.combiner().variant().isTrainable()) {
                List<Clip4CirTask.Triplet> triplets = s.task().trainTriplets(s.root());
                TripletFeatures data = TripletFeatures.cached(s.cacheDir(), base.fingerprint(), clip.preprocessor(), s.task(),
                        triplets, encoder, progress);
                Function<Combiner, Validation.Outcome> validate = null;
                if (s.valSplit() != null) {
                    Validation val = new Validation(s.task(), s.task().datasets(s.root(), s.valSplit()), evaluator);
                    GalleryFeatures gallery = gallery(s, base, clip.preprocessor(), val.split(), encoder, progress);
                    java.util.Map<String, float[]> texts = new java.util.HashMap<>(); // the CLIP is frozen: encode each caption once
                    validate = c -> {
                        try (CombinerComposer composer = new CombinerComposer("combiner", c, false, clip.model(), clip.tokenizer(), texts)) {
                            return val.run(gallery, composer);
                        }
                    };
                }
                result = new CombinerTrainer(s.combiner(), s.training()).train(data, validate, s.out(), base, galleryModel,
                        runInfo(s, clip.preprocessor()), s.resume(), progress);
            } else {
                try (NDManager m = NDManager.newBaseManager(); Combiner sum = Combiner.initialize(s.combiner(), 0, m)) {
                    CombinerCheckpoint.write(s.out(), sum, base, galleryModel, runInfo(s, clip.preprocessor()));
                }
            }
            EvalReport test = null;
            if (s.testSplit() != null) {
                test = evaluate(s, clip, base, encoder, evaluator, s.testSplit(), progress);
                test.write(s.out(), "eval-" + s.testSplit());
            }
            return new Summary(result, test, s.out());
        }
    }

    /** Dataset and preprocessing of a run, recorded in the checkpoint (the composer warns when evaluation differs). */
    static com.fasterxml.jackson.databind.node.ObjectNode runInfo(Settings s, ImagePreprocessor pre) {
        var n = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        n.put("dataset", s.task().kind().id());
        n.put("root", s.root().toString());
        n.set("preprocess", CombinerCheckpoint.preprocessJson(pre));
        return n;
    }

    /** Scores the checkpoint in {@code s.out()} on {@code split}. */
    static EvalReport evaluate(Settings s, ClipSetup clip, CombinerCheckpoint.BaseModel base, FeatureEncoder encoder,
                               Evaluator evaluator, String split, TrainingProgress progress) throws IOException {
        CombinerCheckpoint.Info info = CombinerCheckpoint.read(s.out());
        CombinerCheckpoint.requireBaseModel(info, clip.model());
        List<CirDataset> data = s.task().datasets(s.root(), split);
        GalleryFeatures gallery = gallery(s, base, clip.preprocessor(), data, encoder, progress);
        try (NDManager m = NDManager.newBaseManager(); Combiner c = CombinerCheckpoint.load(info, m);
             CombinerComposer composer = new CombinerComposer("combiner-" + info.config().variant().id(), c, false,
                     clip.model(), clip.tokenizer())) {
            return s.task().evaluate(evaluator, data, gallery, composer);
        }
    }

    /** Raw gallery features of a split through the project's {@link FeatureCache}. */
    static GalleryFeatures gallery(Settings s, CombinerCheckpoint.BaseModel base, ImagePreprocessor pre, List<CirDataset> split,
                                   FeatureEncoder encoder, TrainingProgress progress) {
        Validation v = new Validation(s.task(), split, null);
        List<GalleryImage> images = v.galleryImages();
        FeatureCache cache = new FeatureCache(s.cacheDir(), "clip-" + base.fingerprint() + "-raw",
                pre.mode() + "-" + pre.targetRatio() + "-" + pre.size());
        String stage = "encode " + split.get(0).split() + " gallery";
        int[] done = {0};
        return cache.features(images, files -> {
            float[][] f = encoder.images(files, stage, TrainingProgress.NONE);
            done[0] += files.size();
            progress.update(stage, done[0], images.size());
            return f;
        }, Math.max(1, s.encodeBatch())).features();
    }

    /** Copies the regular files of a CLIP directory (weights, config, tokenizer, marker). */
    static void copyModel(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path tmp = to.resolve("." + f.getFileName() + ".tmp");
                Files.copy(f, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }
}
