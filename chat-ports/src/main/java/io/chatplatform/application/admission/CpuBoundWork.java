package io.chatplatform.application.admission;

import io.chatplatform.application.port.out.CapacityExceededException;
import io.chatplatform.application.port.out.ChatMetrics;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs CPU-heavy work (password hashing) on a fixed pool of platform threads with a bounded queue.
 *
 * <p>Why: virtual threads are not preempted. Work that computes for a quarter of a second on a
 * virtual thread holds its carrier that long, and a handful of such requests hold every carrier,
 * so no other request is scheduled at all. On platform threads of its own the work is preempted by
 * the operating system like any thread, the caller's virtual thread parks while it waits, and the
 * carriers keep serving everyone else. When the queue is full the work is refused at once with
 * {@link CapacityExceededException}, rather than queued without bound.
 *
 * <p>Thread-safe. {@link #close()} stops the threads; work submitted afterwards is refused.
 */
public final class CpuBoundWork implements AutoCloseable {

    /** Suggested to clients when the queue is full: a few tasks will have finished by then. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final String name;
    private final ThreadPoolExecutor pool;
    private final ChatMetrics metrics;

    private CpuBoundWork(String name, int threads, int queueCapacity, ChatMetrics metrics) {
        this.name = Objects.requireNonNull(name, "name");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        if (threads < 1) {
            throw new IllegalArgumentException("threads cannot be less than 1, was " + threads);
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity cannot be less than 1, was " + queueCapacity);
        }
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), runnable -> {
                    Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * A pool of {@code threads} platform threads named {@code name-N}, holding at most
     * {@code queueCapacity} waiting tasks.
     *
     * @param name what the work is, in thread names and in the refusal's message
     */
    public static CpuBoundWork platformThreads(String name, int threads, int queueCapacity) {
        return new CpuBoundWork(name, threads, queueCapacity, ChatMetrics.NONE);
    }

    /** As {@link #platformThreads(String, int, int)}, reporting every refusal to {@code metrics}. */
    public static CpuBoundWork platformThreads(String name, int threads, int queueCapacity, ChatMetrics metrics) {
        return new CpuBoundWork(name, threads, queueCapacity, metrics);
    }

    /**
     * Runs {@code work} on the pool and waits for its result. A {@link RuntimeException} or
     * {@link Error} of the work is rethrown as it was.
     *
     * @throws CapacityExceededException when the queue is full (or the pool is closed)
     */
    public <T> T run(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        Future<T> result;
        try {
            result = pool.submit(work::get);
        } catch (RejectedExecutionException e) {
            metrics.capacityExceeded(name);
            throw new CapacityExceededException(name, RETRY_AFTER);
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            result.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException(name + " was interrupted", e);
        } catch (CancellationException e) {
            throw new CapacityExceededException(name, RETRY_AFTER);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(name + " failed", cause);
        }
    }

    /** Tasks waiting for a thread now. */
    public int queued() {
        return pool.getQueue().size();
    }

    /** Stops the threads once running tasks end; queued tasks are cancelled and their callers refused. */
    @Override
    public void close() {
        pool.shutdownNow().forEach(task -> {
            if (task instanceof Future<?> future) {
                future.cancel(false);
            }
        });
    }
}
