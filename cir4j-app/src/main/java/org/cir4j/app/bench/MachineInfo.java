package org.cir4j.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a benchmark ran on: CPU model, cores, and the load average (benchmarks on a shared machine are
 * noisy; the load is recorded next to every number so a reader can judge them).
 */
public record MachineInfo(String cpu, int cores, String loadAverage) {

    /** The current machine (Linux {@code /proc}; "unknown" where it is not available). */
    public static MachineInfo current() {
        return new MachineInfo(cpuModel().orElse("unknown"), Runtime.getRuntime().availableProcessors(), load());
    }

    /** The 1/5/15-minute load averages, e.g. {@code "0.52 0.61 0.70"}, or "unknown". */
    public static String load() {
        Path p = Path.of("/proc/loadavg");
        try {
            String[] parts = Files.readString(p).trim().split("\\s+");
            return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static Optional<String> cpuModel() {
        Path p = Path.of("/proc/cpuinfo");
        try {
            return Files.readAllLines(p).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
