package io.chatplatform.application.realtime;

import io.chatplatform.application.port.in.MarkDelivered;
import io.chatplatform.application.port.in.OpenLiveConnection;
import io.chatplatform.application.port.out.BlockStore;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.application.port.out.ClientChannel;
import io.chatplatform.application.port.out.ErrorReporter;
import io.chatplatform.application.port.out.LiveEventBus;
import io.chatplatform.application.port.out.LoadInbox;
import io.chatplatform.application.port.out.LoadChanges;
import io.chatplatform.application.port.out.PresenceRegistry;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real time, started on first use: until the first connection {@linkplain #open opens}, no
 * thread, timer or bus subscription exists, so an application that never opens one pays nothing
 * for it. Then a {@link RealtimeHub} is built, on the executor and scheduler given, or on a pool
 * of daemon threads ({@code chat-live-N}) and a timer thread ({@code chat-live-timer-N}) of its
 * own.
 *
 * <p>{@link #close()} stops the hub (closing its connections as going away) and shuts down the
 * threads this class created; an executor or scheduler that was given belongs to its giver and is
 * left running. Thread-safe.
 */
public final class LiveConnections implements OpenLiveConnection, AutoCloseable {

    private final LiveEventBus bus;
    private final PresenceRegistry presence;
    private final LoadInbox inbox;
    private final LoadChanges changes;
    private final MarkDelivered deliveries;
    private final Clock clock;
    private final RealtimeSettings settings;
    private final Optional<Executor> executor;
    private final Optional<ScheduledExecutorService> scheduler;
    private final ChatMetrics metrics;
    private final ErrorReporter errors;
    // guarded by this
    private RealtimeHub hub;
    private ExecutorService ownExecutor;
    private ScheduledExecutorService ownScheduler;
    private final BlockStore blocks;
    private boolean closed;

    /**
     * @param executor  runs the connections' work; a cached pool of daemon threads, owned and shut down here, when empty
     * @param scheduler runs the timers; a daemon thread, owned and shut down here, when empty
     */
    public LiveConnections(LiveEventBus bus, PresenceRegistry presence, LoadInbox inbox, LoadChanges changes,
                           MarkDelivered deliveries, BlockStore blocks, Clock clock,
                           RealtimeSettings settings, Optional<Executor> executor,
                           Optional<ScheduledExecutorService> scheduler, ChatMetrics metrics, ErrorReporter errors) {
        this.bus = Objects.requireNonNull(bus, "bus");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.changes = Objects.requireNonNull(changes, "changes");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.blocks = Objects.requireNonNull(blocks, "blocks");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /** Starts real time if this is the first connection, then opens it. */
    @Override
    public LiveConnection open(UserId user, Optional<SessionId> session, ClientChannel channel) {
        return hub().open(user, session, channel);
    }

    /** Whether real time was started (a connection was opened). */
    public synchronized boolean started() {
        return hub != null;
    }

    /** Connections open on this instance. */
    public synchronized int openConnections() {
        return hub == null ? 0 : hub.openConnections();
    }

    /** Stops real time, if it was started, and the threads it created; opening a connection afterwards fails. */
    @Override
    public synchronized void close() {
        closed = true;
        if (hub != null) {
            hub.close();
        }
        if (ownScheduler != null) {
            ownScheduler.shutdownNow();
        }
        if (ownExecutor != null) {
            // queued connection work still finishes; idle threads end at once
            ownExecutor.shutdown();
        }
    }

    private synchronized RealtimeHub hub() {
        if (closed) {
            throw new IllegalStateException("the chat application was closed; live connections cannot open any more");
        }
        if (hub == null) {
            Executor work = executor.orElseGet(() -> ownExecutor = Executors.newCachedThreadPool(daemon("chat-live")));
            ScheduledExecutorService timers = scheduler.orElseGet(
                    () -> ownScheduler = Executors.newSingleThreadScheduledExecutor(daemon("chat-live-timer")));
            hub = new RealtimeHub(bus, presence, inbox, changes, deliveries, blocks, clock, settings, work, timers, metrics, errors);
        }
        return hub;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
