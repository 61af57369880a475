package org.cir4j.methods.clip4cir;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cir4j.image.ImagePreprocessor;
import org.cir4j.model.SafeTensors;

/**
 * Frozen-CLIP features of every training triplet, computed once for stage 2 (the Combiner never changes
 * the CLIP, so encoding each epoch again, as the reference does, would give the same numbers): raw
 * reference and target image features (N,d) and the raw features of each triplet's k training texts
 * (N,k,d) — k = 1 for CIRR, 4 for FashionIQ's caption augmentation (the augmentation then picks one
 * of the cached forms per triplet and epoch).
 */
public record TripletFeatures(int count, int dim, int textsPerTriplet, float[] reference, float[] target, float[] text) {

    public TripletFeatures {
        if (reference.length != count * dim || target.length != count * dim || text.length != count * textsPerTriplet * dim) {
            throw new IllegalArgumentException("triplet features: expected " + count + "×" + dim + " reference/target and "
                    + count + "×" + textsPerTriplet + "×" + dim + " text values, found " + reference.length + ", " + target.length
                    + ", " + text.length);
        }
    }

    /** Encodes the triplets with the frozen CLIP behind {@code encoder}. */
    public static TripletFeatures encode(Clip4CirTask task, List<Clip4CirTask.Triplet> triplets, FeatureEncoder encoder,
                                         TrainingProgress progress) {
        int n = triplets.size();
        List<Path> refs = new ArrayList<>(n);
        List<Path> tgts = new ArrayList<>(n);
        List<String> texts = new ArrayList<>();
        int k = -1;
        for (Clip4CirTask.Triplet t : triplets) {
            refs.add(t.reference());
            tgts.add(t.target());
            List<String> forms = task.trainingTexts(t.captions());
            if (k >= 0 && forms.size() != k) {
                throw new IllegalStateException("triplets give " + k + " and " + forms.size() + " training texts");
            }
            k = forms.size();
            texts.addAll(forms);
        }
        List<Path> all = new ArrayList<>(refs);
        all.addAll(tgts);
        float[][] img = encoder.images(all, "encode train images", progress);
        progress.update("encode train captions", 0, texts.size());
        float[][] txt = encoder.texts(texts);
        progress.update("encode train captions", texts.size(), texts.size());
        int d = img[0].length;
        float[] ref = new float[n * d];
        float[] tgt = new float[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(img[i], 0, ref, i * d, d);
            System.arraycopy(img[n + i], 0, tgt, i * d, d);
        }
        float[] text = new float[texts.size() * d];
        for (int i = 0; i < txt.length; i++) {
            System.arraycopy(txt[i], 0, text, i * d, d);
        }
        return new TripletFeatures(n, d, k, ref, tgt, text);
    }

    /**
     * The features from {@code cacheDir} when a file for exactly this (model, preprocessing, triplets) exists,
     * else encoded and written there (atomically).
     */
    public static TripletFeatures cached(Path cacheDir, String modelFingerprint, ImagePreprocessor pre, Clip4CirTask task,
                                         List<Clip4CirTask.Triplet> triplets, FeatureEncoder encoder, TrainingProgress progress)
            throws IOException {
        String key = key(modelFingerprint, pre, task, triplets);
        Path file = cacheDir.resolve("triplets-" + key + ".safetensors");
        if (Files.isRegularFile(file)) {
            try (NDManager m = NDManager.newBaseManager()) {
                Map<String, NDArray> t = SafeTensors.read(file, m);
                NDArray r = t.get("reference");
                NDArray x = t.get("text");
                if (r == null || x == null || t.get("target") == null) {
                    throw new IOException(file + ": expected tensors reference, target, text; found " + t.keySet());
                }
                return new TripletFeatures((int) r.getShape().get(0), (int) r.getShape().get(1), (int) x.getShape().get(1),
                        r.toFloatArray(), t.get("target").toFloatArray(), x.toFloatArray());
            }
        }
        TripletFeatures f = encode(task, triplets, encoder, progress);
        Files.createDirectories(cacheDir);
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> t = new LinkedHashMap<>();
            t.put("reference", m.create(f.reference, new Shape(f.count, f.dim)));
            t.put("target", m.create(f.target, new Shape(f.count, f.dim)));
            t.put("text", m.create(f.text, new Shape(f.count, f.textsPerTriplet, f.dim)));
            Path tmp = Files.createTempFile(cacheDir, "triplets", ".tmp");
            try {
                SafeTensors.write(tmp, t);
                org.cir4j.util.AtomicFiles.move(tmp, file);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
        return f;
    }

    private static String key(String model, ImagePreprocessor pre, Clip4CirTask task, List<Clip4CirTask.Triplet> triplets) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((model + "|" + pre.mode() + "|" + pre.size() + "|" + pre.targetRatio() + "|" + task).getBytes(StandardCharsets.UTF_8));
            for (Clip4CirTask.Triplet t : triplets) {
                md.update((t.reference() + "|" + t.target() + "|" + String.join("\u0001", t.captions()) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
