package io.chatplatform.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Virtual threads when the JVM has them (Java 21+), platform threads otherwise. The harness is
 * compiled for Java 17 like the rest of the project, so it reaches the Java 21 API through method
 * handles instead of linking against it (bootstrap asks {@code Runtime.version()} the same way).
 */
public final class Threads {

    private static final ThreadFactory VIRTUAL = virtualFactory();

    private Threads() {
    }

    /** Whether virtual users run on virtual threads in this JVM. */
    public static boolean virtual() {
        return VIRTUAL != null;
    }

    /** A thread factory for many, mostly blocked threads: virtual when available. */
    public static ThreadFactory factory(String name) {
        if (VIRTUAL != null) {
            return VIRTUAL;
        }
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(null, task, name + "-" + count.incrementAndGet(), 256 * 1024);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One thread per task: virtual when available, else an unbounded pool of daemon platform threads. */
    public static ExecutorService perTask(String name) {
        ThreadFactory factory = factory(name);
        if (VIRTUAL != null) {
            try {
                MethodHandle perTask = MethodHandles.publicLookup().findStatic(Executors.class, "newThreadPerTaskExecutor",
                        MethodType.methodType(ExecutorService.class, ThreadFactory.class));
                return (ExecutorService) perTask.invoke(factory);
            } catch (Throwable e) {
                // fall through to a pool
            }
        }
        return Executors.newCachedThreadPool(factory);
    }

    /** Starts a thread for the task. */
    public static Thread start(String name, Runnable task) {
        Thread thread = factory(name).newThread(task);
        thread.start();
        return thread;
    }

    /** A daemon platform thread, for the few periodic jobs (progress lines). */
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
            // Thread.ofVirtual().name("vu-", 0).factory()
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle of = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
            MethodHandle named = lookup.findVirtual(ofVirtual, "name", MethodType.methodType(ofVirtual, String.class, long.class));
            MethodHandle factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
            Object b = of.invoke();
            b = named.invoke(b, "vu-", 0L);
            return (ThreadFactory) factory.invoke(b);
        } catch (Throwable e) {
            return null;
        }
    }
}
