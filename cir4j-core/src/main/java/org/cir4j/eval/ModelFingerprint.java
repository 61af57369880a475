package org.cir4j.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * SHA-256 over a checkpoint's weights and configs: the feature cache's model key and the "which model made these
 * numbers" line of every report. A directory contributes every {@code *.safetensors} and {@code *.json} file at its
 * top level (name and bytes, sorted by name); a single file contributes its bytes.
 */
public final class ModelFingerprint {
    private ModelFingerprint() {}

    /** Lower-case hex SHA-256. */
    public static String of(Path model) {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
        List<Path> files;
        if (Files.isDirectory(model)) {
            try (Stream<Path> s = Files.list(model)) {
                files = s.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName().toString().endsWith(".safetensors") || p.getFileName().toString().endsWith(".json"))
                        .sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list model folder " + model, e);
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("model folder " + model + " holds no .safetensors or .json file");
            }
        } else if (Files.isRegularFile(model)) {
            files = List.of(model);
        } else {
            throw new IllegalArgumentException("model not found: " + model);
        }
        byte[] buf = new byte[1 << 16];
        for (Path f : files) {
            d.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            try (InputStream in = Files.newInputStream(f)) {
                for (int r; (r = in.read(buf)) > 0; ) {
                    d.update(buf, 0, r);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f, e);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
