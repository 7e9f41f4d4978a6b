package io.chatplatform.bench;

import io.chatplatform.bench.http.HttpChannel;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Runs virtual users in a closed loop: each performs one step (usually one request), records it,
 * and starts the next, for the warm-up and then the measured duration. With a rate, steps are
 * paced on a fixed schedule per user and latency is counted from the scheduled start, so a slow
 * response delays the following steps' figures instead of hiding them (no coordinated omission).
 */
public final class LoadRunner {

    /** One virtual user: one step (usually one request) on its own connection. */
    @FunctionalInterface
    public interface VirtualUser {
        /**
         * Performs one step and records it in the metrics; {@code startNanos} ({@link System#nanoTime})
         * is when the step should have started, the origin of its latency.
         */
        void step(HttpChannel channel, long startNanos) throws Exception;
    }

    private LoadRunner() {
    }

    /**
     * Runs {@code users} virtual users, each on its own channel, for the warm-up and the measured
     * duration; {@code rate} is steps per second over all users (0: as fast as responses come back);
     * {@code extra} is appended to each progress line. {@code atMeasureStart} and {@code atMeasureEnd}
     * run on the runner's thread right at the phase boundaries (to read the service's counters there).
     * Returns the measured seconds.
     */
    public static double run(Metrics metrics, PrintWriter out, int users, Supplier<HttpChannel> channels,
                             IntFunction<VirtualUser> factory, double rate,
                             Duration warmup, Duration duration, Duration progressEvery, Supplier<String> extra,
                             Runnable atMeasureStart, Runnable atMeasureEnd) throws InterruptedException {
        Metrics.Op failures = metrics.op("step-failure");
        long begin = System.nanoTime();
        long interval = rate > 0 ? Math.max(1, Math.round(users * 1e9 / rate)) : 0;
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>(users);
        for (int i = 0; i < users; i++) {
            VirtualUser user = factory.apply(i);
            long firstSlot = begin + (interval == 0 ? 0 : interval * i / users);
            threads.add(Threads.start(() -> {
                long next = firstSlot;
                try (HttpChannel channel = channels.get()) {
                    while (!stop.get()) {
                        long start;
                        if (interval > 0) {
                            start = next;
                            next += interval;
                            sleepUntil(start, stop);
                            if (stop.get()) {
                                break;
                            }
                        } else {
                            start = System.nanoTime();
                        }
                        try {
                            user.step(channel, start);
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            failures.error(e.getClass().getSimpleName());
                            // a broken step must not spin: back off a little
                            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000_000, 10_000_000));
                        }
                    }
                }
            }));
        }
        long warmupEnd = begin + warmup.toNanos();
        long end = warmupEnd + duration.toNanos();
        long progressNanos = Math.max(100_000_000L, progressEvery.toNanos());
        long nextProgress = begin + progressNanos;
        long lastSample = begin;
        boolean measuring = false;
        if (warmup.isZero()) {
            atMeasureStart.run();
            metrics.startMeasuring();
            measuring = true;
        }
        while (true) {
            long now = System.nanoTime();
            long wake = Math.min(nextProgress, measuring ? end : warmupEnd);
            if (wake > now) {
                Thread.sleep(Math.max(1, (wake - now) / 1_000_000));
                continue;
            }
            if (now >= nextProgress) {
                var interval2 = metrics.sample();
                out.println(Report.progress((now - begin) / 1e9, measuring ? "measure" : "warmup", interval2,
                        (now - lastSample) / 1e9, metrics.errorsSinceLastSample(), extra == null ? null : extra.get()));
                lastSample = now;
                nextProgress += progressNanos;
            }
            if (!measuring && now >= warmupEnd) {
                atMeasureStart.run();
                metrics.startMeasuring();
                measuring = true;
                lastSample = System.nanoTime();
            } else if (measuring && now >= end) {
                metrics.stopMeasuring();
                atMeasureEnd.run();
                break;
            }
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join(15_000);
        }
        return metrics.measuredSeconds();
    }

    static void sleepUntil(long deadline, AtomicBoolean stop) {
        while (!stop.get()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(Math.min(left, 100_000_000L));
        }
    }
}
