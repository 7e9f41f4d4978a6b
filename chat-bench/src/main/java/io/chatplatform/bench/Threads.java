package io.chatplatform.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads when the JVM has them (Java 21+), daemon platform threads otherwise. The harness is
 * compiled for Java 17 like the rest of the project, so it reaches the Java 21 API through method
 * handles instead of linking against it (bootstrap asks {@code Runtime.version()} the same way).
 */
public final class Threads {

    private static final ThreadFactory VIRTUAL = virtualFactory();
    private static final ThreadFactory PLATFORM = task -> {
        Thread thread = new Thread(null, task, "bench", 256 * 1024);
        thread.setDaemon(true);
        return thread;
    };

    private Threads() {
    }

    /** Whether virtual users run on virtual threads in this JVM. */
    public static boolean virtual() {
        return VIRTUAL != null;
    }

    /** One thread per task, for many mostly blocked threads: virtual when available, else a cached pool. */
    public static ExecutorService perTask() {
        if (VIRTUAL != null) {
            try {
                return (ExecutorService) MethodHandles.publicLookup().findStatic(Executors.class, "newThreadPerTaskExecutor",
                        MethodType.methodType(ExecutorService.class, ThreadFactory.class)).invoke(VIRTUAL);
            } catch (Throwable e) {
                // fall through to a pool
            }
        }
        return Executors.newCachedThreadPool(PLATFORM);
    }

    public static Thread start(Runnable task) {
        Thread thread = (VIRTUAL != null ? VIRTUAL : PLATFORM).newThread(task);
        thread.start();
        return thread;
    }

    /** A daemon platform thread, for the few periodic jobs. */
    public static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static ThreadFactory virtualFactory() {
        if (Runtime.version().feature() < 21 || Boolean.getBoolean("bench.platformThreads")) {
            return null;
        }
        try {
            // Thread.ofVirtual().factory()
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            Object builder = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual)).invoke();
            return (ThreadFactory) lookup.findVirtual(Class.forName("java.lang.Thread$Builder"), "factory",
                    MethodType.methodType(ThreadFactory.class)).invoke(builder);
        } catch (Throwable e) {
            return null;
        }
    }
}
