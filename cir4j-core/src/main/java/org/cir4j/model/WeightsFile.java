package org.cir4j.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The weights file of a CLIP model directory and its short identity: the first 12 hex digits of its
 * SHA-256, the string every trained artifact (token bank, φ, Combiner, ISA) records as its base model and
 * the docs quote. One definition, so that "made with model X" means the same thing everywhere.
 */
public final class WeightsFile {
    /** File names tried in a model directory, in order: Hugging Face layout, then open_clip's. */
    static final String[] NAMES = {"model.safetensors", "open_clip_model.safetensors"};

    private WeightsFile() {}

    /** The weights file of {@code modelPath} (a directory, or the file itself), if there is one. */
    public static Optional<Path> find(Path modelPath) {
        if (!Files.isDirectory(modelPath)) {
            return Files.isRegularFile(modelPath) ? Optional.of(modelPath) : Optional.empty();
        }
        for (String name : NAMES) {
            Path f = modelPath.resolve(name);
            if (Files.isRegularFile(f)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * First 12 hex digits of the SHA-256 of the weights file of {@code modelPath}.
     *
     * @throws IOException if there is no weights file (naming what was looked for) or it cannot be read
     */
    public static String sha256Prefix(Path modelPath) throws IOException {
        return sha256PrefixOf(find(modelPath).orElseThrow(() -> new IOException("no weights file to fingerprint in "
                + modelPath + " (looked for " + String.join(" and ", NAMES) + ")")));
    }

    /** {@link #sha256Prefix}, or {@code "unknown"} when the model has no weights file (a model built in memory). */
    public static String sha256PrefixOrUnknown(Path modelPath) throws IOException {
        Optional<Path> file = find(modelPath);
        return file.isPresent() ? sha256PrefixOf(file.get()) : "unknown";
    }

    private static String sha256PrefixOf(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 12);
    }
}
