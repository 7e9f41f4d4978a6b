package io.chatplatform.application.realtime;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one connection's tasks one at a time, in the order they were submitted, on a shared
 * executor, so that thousands of connections need no thread each and a slow one (a replay reading
 * the database) never holds up the others or the thread that delivers events.
 */
final class Mailbox {

    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicInteger size = new AtomicInteger();
    private final Executor executor;
    private final int capacity;

    Mailbox(Executor executor, int capacity) {
        this.executor = Objects.requireNonNull(executor, "executor");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity cannot be less than 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Queues the task; false, without queueing it, when {@code capacity} tasks are already waiting. */
    boolean submit(Runnable task) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        tasks.add(task);
        schedule();
        return true;
    }

    /** Queues the task whatever the backlog: for the few tasks that must run (a connection's end). */
    void submitAlways(Runnable task) {
        size.incrementAndGet();
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                size.decrementAndGet();
                task.run();
            }
        } finally {
            scheduled.set(false);
            // a task may have arrived between the last poll and clearing the flag
            if (!tasks.isEmpty()) {
                schedule();
            }
        }
    }
}
