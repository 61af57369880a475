package org.cir4j.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cir4j.text.Tokenizer.Truncation;
import org.junit.jupiter.api.Test;

/** Concurrent requests on one tokenizer with a cold cache give the same ids as a single thread. */
class ClipBpeConcurrencyTest {

    @Test
    void concurrentEncodingAgreesWithSequential() throws Exception {
        ClipBpeTokenizer reference = SharedClipTokenizer.get();
        // Same tables, fresh (empty) cache: threads race on filling it.
        ClipBpeTokenizer shared = reference.withCleaner(ClipTextCleaner.reference());
        List<String> texts = new ArrayList<>(SharedClipTokenizer.goldenTexts());
        for (int i = 0; i < 200; i++) {
            texts.add("caption " + i + ": a photo of $ that has " + (i % 7) + " red stars and "
                    + Integer.toString(i * 7919, 36) + " words");
        }
        List<int[]> expected = new ArrayList<>();
        for (String t : texts) {
            expected.add(reference.encode(t));
        }
        TokenBatch expectedBatch = reference.batch(texts, 77, Truncation.TRUNCATE);

        int threads = 6;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                Callable<Integer> job = () -> {
                    List<Integer> order = new ArrayList<>();
                    for (int i = 0; i < texts.size(); i++) {
                        order.add(i);
                    }
                    Collections.shuffle(order, new Random(seed));
                    go.await();
                    int checked = 0;
                    for (int round = 0; round < 3; round++) {
                        for (int i : order) {
                            assertThat(shared.encode(texts.get(i))).as(texts.get(i)).containsExactly(expected.get(i));
                            checked++;
                        }
                        TokenBatch batch = shared.batch(texts, 77, Truncation.TRUNCATE);
                        assertThat(batch.ids()).isDeepEqualTo(expectedBatch.ids());
                        assertThat(batch.lengths()).containsExactly(expectedBatch.lengths());
                    }
                    return checked;
                };
                results.add(pool.submit(job));
            }
            go.countDown();
            for (Future<Integer> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(3 * texts.size());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
