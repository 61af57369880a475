package org.cir4j.world;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed thread pool that maps an index range in chunks and returns results in index order, so that
 * output never depends on scheduling. The first failure cancels the rest and is rethrown.
 */
final class Workers implements AutoCloseable {
    private final ExecutorService pool;
    private final int threads;
    private final ProgressListener progress;

    Workers(int threads, ProgressListener progress) {
        this.threads = threads;
        this.progress = progress;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "cir4j-world");
            t.setDaemon(true);
            return t;
        });
    }

    /** Items that throw checked exceptions. */
    @FunctionalInterface
    interface Task<T> {
        T run(int index) throws Exception;
    }

    <T> List<T> map(String stage, int n, Task<T> f) {
        int chunk = Math.max(1, Math.min(256, n / (threads * 8)));
        AtomicLong done = new AtomicLong();
        report(stage, 0, n);
        List<Future<List<T>>> futures = new ArrayList<>();
        for (int start = 0; start < n; start += chunk) {
            int s = start;
            int e = Math.min(n, start + chunk);
            futures.add(pool.submit(() -> {
                List<T> out = new ArrayList<>(e - s);
                for (int i = s; i < e; i++) {
                    out.add(f.run(i));
                }
                advance(stage, done, e - s, n);
                return out;
            }));
        }
        List<T> all = new ArrayList<>(n);
        try {
            for (Future<List<T>> fu : futures) {
                all.addAll(fu.get());
            }
        } catch (ExecutionException e) {
            futures.forEach(x -> x.cancel(true));
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(stage + " failed: " + c.getMessage(), c);
        } catch (InterruptedException e) {
            futures.forEach(x -> x.cancel(true));
            Thread.currentThread().interrupt();
            throw new CancellationException(stage + " interrupted");
        }
        return all;
    }

    synchronized void report(String stage, long done, long total) {
        progress.update(stage, done, total);
    }

    /** Counts and reports under one lock, so the listener sees a non-decreasing count per stage. */
    private synchronized void advance(String stage, AtomicLong done, long by, long total) {
        progress.update(stage, done.addAndGet(by), total);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
