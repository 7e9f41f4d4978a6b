package io.chatplatform.application.realtime;

import io.chatplatform.application.port.in.OpenLiveConnection;
import io.chatplatform.application.port.out.BlockStore;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.application.port.out.ClientChannel;
import io.chatplatform.application.port.out.ErrorReporter;
import io.chatplatform.application.port.out.ErrorReporter.Where;
import io.chatplatform.application.port.out.LiveEventBus;
import io.chatplatform.application.port.out.LoadInbox;
import io.chatplatform.application.port.in.MarkDelivered;
import io.chatplatform.application.port.out.LoadChanges;
import io.chatplatform.application.port.out.PresenceRegistry;
import io.chatplatform.domain.realtime.CloseReason;
import io.chatplatform.domain.realtime.LiveEvent;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.util.Optional;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live connections of this instance, put together from their parts: a
 * {@link ConnectionRegistry} that fans bus events out to the local connections, a
 * {@link LiveSession} per connection (held events, replay and gap filling as the domain's
 * {@code ReplayPlanner} plans them, back-pressure), a {@link PresenceKeeper} on two timers, and the
 * {@link TypingRelay}. This class only wires them: it subscribes to the bus, starts the timers,
 * opens connections, and stops it all.
 *
 * <p>It starts nothing of its own: the executor and the scheduler are given, and whoever gave
 * them shuts them down ({@link LiveConnections} for an application built by
 * {@code ChatApplication}).
 */
public final class RealtimeHub implements OpenLiveConnection, AutoCloseable {

    private final RealtimeSettings settings;
    private final ScheduledExecutorService scheduler;
    private final ChatMetrics metrics;
    private final ErrorReporter errors;
    private final ConnectionRegistry connections = new ConnectionRegistry();
    private final SessionContext context;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong opened = new AtomicLong();
    private final LiveEventBus.Subscription subscription;
    private final List<Future<?>> timers;

    /**
     * Subscribes to the bus and starts the heartbeat and the presence sweep.
     *
     * @param executor  runs the connections' mailboxes (virtual threads where the JVM has them)
     * @param scheduler runs the timers; {@link #close()} cancels them but does not shut it down
     * @param errors    where failures on the timers and in connections are reported (and counted)
     */
    public RealtimeHub(LiveEventBus bus, PresenceRegistry presence, LoadInbox inbox, LoadChanges changes,
                       MarkDelivered deliveries, BlockStore blocks, Clock clock,
                       RealtimeSettings settings, Executor executor, ScheduledExecutorService scheduler,
                       ChatMetrics metrics, ErrorReporter errors) {
        Objects.requireNonNull(bus, "bus");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.errors = Objects.requireNonNull(errors, "errors");
        PresenceKeeper keeper = new PresenceKeeper(presence, inbox, blocks, bus, clock, settings, errors);
        this.context = new SessionContext(settings, inbox, changes, deliveries, connections, keeper,
                new TypingRelay(inbox, blocks, bus, clock, settings), executor, metrics, errors);
        this.subscription = bus.subscribe(this::dispatch, connections::adviseResync);
        long heartbeat = settings.heartbeat().toMillis();
        long sweep = settings.sweep().toMillis();
        this.timers = List.of(
                scheduler.scheduleWithFixedDelay(() -> keeper.heartbeat(connections), heartbeat, heartbeat, TimeUnit.MILLISECONDS),
                scheduler.scheduleWithFixedDelay(keeper::sweep, sweep, sweep, TimeUnit.MILLISECONDS));
    }

    @Override
    public LiveConnection open(UserId user, Optional<SessionId> loginSession, ClientChannel channel) {
        LiveSession session = new LiveSession(user, loginSession, channel, instance + ":" + opened.incrementAndGet(), context);
        connections.add(session);
        metrics.liveConnection(true);
        session.start(scheduler, settings.resumeWait());
        return session;
    }

    /** Connections open on this instance. */
    public int openConnections() {
        return connections.size();
    }

    /** Stops listening to the bus, cancels the timers and closes every connection as {@link CloseReason#GOING_AWAY}. */
    @Override
    public void close() {
        subscription.close();
        timers.forEach(timer -> timer.cancel(false));
        connections.forEach(session -> {
            try {
                session.close(CloseReason.GOING_AWAY);
            } catch (RuntimeException e) {
                // one transport that fails to close must not keep the others open
                errors.report(Where.LIVE_CONNECTION, e);
            }
        });
    }

    /** Runs on the bus's thread: a failure is reported here, never thrown back into the bus (or a publisher). */
    private void dispatch(LiveEvent event) {
        try {
            connections.dispatch(event);
        } catch (RuntimeException e) {
            errors.report(Where.LIVE_DISPATCH, e);
        }
    }
}
