package org.cir4j.app.bench;

/**
 * Measures how many items per second a repeated piece of work processes: {@code warmup} untimed
 * repetitions (first-call allocation, thread-pool start-up, caches), then timed repetitions until at least
 * {@code minSeconds} have passed and at least {@code minReps} were done. The rate is items over total timed
 * wall time, as the Python peer measures it.
 */
public final class Throughput {

    /** A measured rate: {@code items·reps / seconds}. */
    public record Rate(double itemsPerSecond, int reps, double seconds) {}

    /** One repetition of the work. */
    @FunctionalInterface
    public interface Rep {
        void run() throws Exception;
    }

    private Throughput() {}

    public static Rate measure(Rep rep, int itemsPerRep, int warmup, int minReps, double minSeconds) throws Exception {
        if (itemsPerRep < 1 || warmup < 0 || minReps < 1 || !(minSeconds >= 0)) {
            throw new IllegalArgumentException("itemsPerRep >= 1, warmup >= 0, minReps >= 1, minSeconds >= 0 required; "
                    + "found " + itemsPerRep + ", " + warmup + ", " + minReps + ", " + minSeconds);
        }
        for (int i = 0; i < warmup; i++) {
            rep.run();
        }
        int reps = 0;
        long t0 = System.nanoTime();
        double elapsed;
        do {
            rep.run();
            reps++;
            elapsed = (System.nanoTime() - t0) / 1e9;
        } while (reps < minReps || elapsed < minSeconds);
        return new Rate((double) itemsPerRep * reps / elapsed, reps, elapsed);
    }
}
