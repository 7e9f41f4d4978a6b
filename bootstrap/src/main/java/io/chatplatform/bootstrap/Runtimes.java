package io.chatplatform.bootstrap;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** What the running JVM offers. */
final class Runtimes {

    private Runtimes() {
    }

    /**
     * Whether the JVM has virtual threads (Java 21+). The code is compiled for Java 17, so it asks
     * at run time instead of linking against the API.
     */
    static boolean hasVirtualThreads() {
        return Runtime.version().feature() >= 21;
    }

    /**
     * Runs the live connections' work: a virtual thread per task where the JVM has them (found by
     * reflection, since the code is compiled for Java 17), else a growing pool of daemon threads.
     */
    static Executor connectionExecutor() {
        if (hasVirtualThreads()) {
            try {
                return (Executor) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Java " + Runtime.version() + " should have virtual threads", e);
            }
        }
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "chat-live-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
