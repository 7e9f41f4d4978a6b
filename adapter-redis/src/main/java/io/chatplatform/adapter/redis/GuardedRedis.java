package io.chatplatform.adapter.redis;

import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis used only while a circuit breaker (resilience4j's, decision 0019) allows, for callers that
 * must never fail nor wait long for Redis: the cache, the presence registry, the live event bus's
 * publisher, the rate limiter. A call answers empty when Redis is not used ({@link #skipped()}) or
 * fails ({@link #failures()}); either way it waits at most for the configured timeouts, and once
 * the circuit is open not at all.
 *
 * <ul>
 *   <li><b>closed</b>: in use; {@code failureThreshold} consecutive failures open it (a window of
 *       that many calls, all failed), and so does one failure of {@link #callOrOpen}.</li>
 *   <li><b>open</b>: not used at all, for a back-off that starts at {@code initialBackoff} and
 *       doubles (up to {@code maxBackoff}) with each failed probe.</li>
 *   <li><b>half-open</b>: the back-off is over and exactly one caller (the first to ask, or the
 *       owner's recovery timer through {@link #probeIfDue}) runs the {@link Probe}; its success
 *       closes the circuit, its failure opens it again.</li>
 * </ul>
 * {@link #start} probes once, so Redis being down at start-up is logged once and is no error. Logs
 * once per opening (WARN) and once per closing (INFO), never per request, in the words of its
 * {@link Subject}.
 */
final class GuardedRedis implements AutoCloseable {

    /**
     * Who the breaker guards, as its log lines say it: {@code <name> unavailable, <meanwhile>: <reason>}
     * when it opens, {@code <name> available again after <n> ms} when it closes, logged as {@code logAs}.
     */
    record Subject(Class<?> logAs, String name, String meanwhile) {

        Subject {
            Objects.requireNonNull(logAs, "logAs");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(meanwhile, "meanwhile");
        }
    }

    /** What a half-open caller runs before the circuit closes; throws when Redis is still unusable. */
    @FunctionalInterface
    interface Probe {

        void run(UnifiedJedis client);

        /**
         * Loads the scripts, so that a server that lost them after a restart is given them again
         * before it is used; a {@code PING} when there are none.
         */
        static Probe loading(List<LuaScript> scripts) {
            List<LuaScript> loaded = List.copyOf(scripts);
            return client -> {
                if (loaded.isEmpty()) {
                    client.ping();
                }
                for (LuaScript script : loaded) {
                    script.load(client);
                }
            };
        }
    }

    private final RedisConnections connections;
    private final boolean ownsConnections;
    private final UnifiedJedis client;
    private final Subject subject;
    private final BreakerPolicy policy;
    private final Probe probe;
    private final Consumer<Duration> whenOpened;
    private final Runnable whenCallFails;
    private final CircuitBreaker breaker;
    private final Logger log;
    private final LongAdder failures = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    /** Why the latest call or probe failed, for the log line of the opening it causes. */
    private volatile RuntimeException lastFailure;
    /** Openings since the circuit last closed: the same count resilience4j gives its back-off function. */
    private int openings;
    private long openedAt;
    private volatile boolean closed;

    /**
     * Closed until {@link #start} has probed.
     *
     * @param ownsConnections whether {@link #close} closes {@code connections} (false when they are shared)
     * @param whenOpened      called with the back-off each time the circuit opens, on the thread that opened
     *                        it (so it must not block): an owner with a recovery timer schedules it with this
     * @param whenCallFails   called for each failed call (not for a failed probe), for the owner's metrics
     */
    GuardedRedis(RedisConnections connections, boolean ownsConnections, Subject subject, BreakerPolicy policy, Probe probe,
                 Consumer<Duration> whenOpened, Runnable whenCallFails) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.ownsConnections = ownsConnections;
        this.client = connections.client();
        this.subject = Objects.requireNonNull(subject, "subject");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.whenOpened = Objects.requireNonNull(whenOpened, "whenOpened");
        this.whenCallFails = Objects.requireNonNull(whenCallFails, "whenCallFails");
        this.log = LoggerFactory.getLogger(subject.logAs());
        this.breaker = policy.breaker(subject.name(), Clock.systemUTC());
        breaker.getEventPublisher().onStateTransition(this::changed);
    }

    /** For an owner without a recovery timer nor metrics of failed calls: the first call after the back-off probes. */
    GuardedRedis(RedisConnections connections, boolean ownsConnections, Subject subject, BreakerPolicy policy, Probe probe) {
        this(connections, ownsConnections, subject, policy, probe, backoff -> {
        }, () -> {
        });
    }

    /**
     * Probes once, before the first call: when Redis cannot be used now, the circuit opens (and
     * the owner hears of it) as after failed calls. Answers whether the circuit is closed.
     */
    boolean start() {
        try {
            probe.run(client);
            return true;
        } catch (RuntimeException e) {
            failures.increment();
            lastFailure = e;
            breaker.transitionToOpenState();
            return false;
        }
    }

    /** What {@code work} answers, or empty when Redis is not used now or the call failed. */
    <T> Optional<T> call(Function<UnifiedJedis, T> work) {
        return call(work, false);
    }

    /**
     * As {@link #call}, but a failure opens the circuit at once: for a write whose loss the owner
     * must make up for before it uses Redis again (an invalidation of the cache).
     */
    <T> Optional<T> callOrOpen(Function<UnifiedJedis, T> work) {
        return call(work, true);
    }

    /** The owner's recovery timer: probes when the circuit is open and its back-off is over; else nothing. */
    void probeIfDue() {
        if (!closed && breaker.getState() == State.OPEN) {
            admitted();
        }
    }

    /**
     * The client itself, for a library that builds its own objects on it (bucket4j's proxy
     * manager); every call through those objects must still be made inside {@link #call}.
     */
    UnifiedJedis client() {
        return client;
    }

    /** Calls and probes that reached for Redis and failed. */
    long failures() {
        return failures.sum();
    }

    /** Calls not made because the circuit was not closed (or this was closed). */
    long skipped() {
        return skipped.sum();
    }

    /** The circuit's state, read without probing. */
    State circuit() {
        return breaker.getState();
    }

    /** As {@code CacheServerStats.circuit} spells a state. */
    static String label(State state) {
        switch (state) {
            case CLOSED:
                return "closed";
            case HALF_OPEN:
                return "half-open";
            default:
                return "open";
        }
    }

    /** Calls nothing any more; closes the connections if they are this one's own. */
    @Override
    public void close() {
        closed = true;
        if (ownsConnections) {
            connections.close();
        }
    }

    private <T> Optional<T> call(Function<UnifiedJedis, T> work, boolean opensAtOnce) {
        if (closed || !admitted()) {
            skipped.increment();
            return Optional.empty();
        }
        long start = System.nanoTime();
        T result;
        try {
            result = work.apply(client);
        } catch (RuntimeException e) {
            failures.increment();
            if (!closed) {
                log.debug("{} call to Redis failed", subject.name(), e);
                whenCallFails.run();
                lastFailure = e;
                breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
                if (opensAtOnce && breaker.getState() == State.CLOSED) {
                    breaker.transitionToOpenState();
                }
            }
            return Optional.empty();
        }
        breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return Optional.ofNullable(result);
    }

    /**
     * Whether a call may reach Redis now: the circuit is closed, or its back-off was over and this
     * caller, holding the only permission of the half-open state, probed and passed.
     */
    private boolean admitted() {
        if (!breaker.tryAcquirePermission()) {
            return false;
        }
        return breaker.getState() != State.HALF_OPEN || probed();
    }

    private boolean probed() {
        long start = System.nanoTime();
        try {
            probe.run(client);
        } catch (RuntimeException e) {
            failures.increment();
            lastFailure = e;
            breaker.onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, e);
            return false;
        }
        breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return true;
    }

    /** On the thread that moved the circuit: logs the change and tells the owner of an opening. */
    private synchronized void changed(CircuitBreakerOnStateTransitionEvent event) {
        State from = event.getStateTransition().getFromState();
        State to = event.getStateTransition().getToState();
        RuntimeException cause = lastFailure;
        String reason = cause == null ? "no reason given" : reason(cause);
        if (to == State.OPEN) {
            Duration backoff = policy.backoff(++openings);
            if (from == State.CLOSED) {
                openedAt = System.nanoTime();
                log.warn("{} unavailable, {}: {}", subject.name(), subject.meanwhile(), reason);
            } else {
                log.debug("{} still unavailable, next probe in {} ms: {}", subject.name(), backoff.toMillis(), reason);
            }
            whenOpened.accept(backoff);
        } else if (to == State.CLOSED) {
            openings = 0;
            log.info("{} available again after {} ms", subject.name(), Duration.ofNanos(System.nanoTime() - openedAt).toMillis());
        }
    }

    /** A short, single-line reason for the log. */
    static String reason(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        Throwable root = cause.getCause();
        if (root != null && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (" + root.getMessage() + ")";
        }
        return message.replaceAll("\\s+", " ").strip();
    }
}
