package io.chatplatform.application.service;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One daemon thread, started on first use and stopped by {@link #close()}: the default home of
 * background work the library owns (account erasures), so that building an application starts no thread.
 */
public final class BackgroundExecutor implements Executor, AutoCloseable {

    private static final AtomicInteger NUMBER = new AtomicInteger();
    private final String name;
    private ExecutorService delegate;
    private boolean closed;

    public BackgroundExecutor(String name) {
        this.name = name;
    }

    @Override
    public synchronized void execute(Runnable task) {
        if (closed) {
            throw new java.util.concurrent.RejectedExecutionException(name + " was closed");
        }
        if (delegate == null) {
            delegate = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, name + "-" + NUMBER.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        delegate.execute(task);
    }

    /** Stops the thread, if it was started; what was queued is dropped (stored work resumes at the next start). */
    @Override
    public synchronized void close() {
        closed = true;
        if (delegate != null) {
            delegate.shutdownNow();
        }
    }
}
