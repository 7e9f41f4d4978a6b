package io.chatplatform.adapter.redis;

import io.chatplatform.domain.cache.CacheScope;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether the cache may be used, and keeps the invalidations that could not be delivered.
 *
 * <ul>
 *   <li><b>closed</b>: in use. {@code failureThreshold} consecutive failures open it; so does one
 *       failed invalidation, since serving from the cache while an invalidation is undelivered
 *       would break read-your-writes.</li>
 *   <li><b>open</b>: not used at all, for a back-off that starts at {@code initialBackoff} and
 *       doubles (up to {@code maxBackoff}) with each failed probe.</li>
 *   <li><b>half-open</b>: the back-off is over and exactly one caller (or the recovery timer)
 *       probes. The probe delivers every pending invalidation before the circuit closes, so no
 *       lookup is served from the cache while one is undelivered.</li>
 * </ul>
 * The store starts half-open, probing once at start-up. Logs once per opening (WARN) and once per
 * closing (INFO), never per request, in the words of its {@link Subject}.
 *
 * <p>The presence registry and the live event bus use the same breaker for their own pools; they
 * never defer anything, so for them a probe that reaches Redis closes the circuit at once.
 *
 * <p>The pending invalidations and the state share one lock: an invalidation is either delivered
 * by its own caller (the circuit was closed) or left pending for the probe (it was not), and the
 * probe closes the circuit only once nothing is pending.
 */
final class CircuitBreaker {

    enum State {
        CLOSED("closed"), OPEN("open"), HALF_OPEN("half-open");

        private final String label;

        State(String label) {
            this.label = label;
        }

        /** As {@code CacheServerStats.circuit} spells it. */
        String label() {
            return label;
        }
    }

    /**
     * Who the breaker guards, as its log lines say it: {@code <name> unavailable, <meanwhile>: <reason>}
     * when it opens, {@code <name> available again after <n> ms} when it closes, logged as {@code logAs}.
     */
    record Subject(Class<?> logAs, String name, String meanwhile) {

        static final Subject CACHE = new Subject(RedisCacheStore.class, "cache", "serving without it");

        Subject {
            Objects.requireNonNull(logAs, "logAs");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(meanwhile, "meanwhile");
        }
    }

    /** When to open and how long to stay open. */
    record Policy(int failureThreshold, Duration initialBackoff, Duration maxBackoff) {

        static final Policy DEFAULT = new Policy(3, Duration.ofSeconds(1), Duration.ofSeconds(30));

        Policy {
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            if (failureThreshold < 1) {
                throw new IllegalArgumentException("failureThreshold cannot be less than 1, was " + failureThreshold);
            }
            if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("back-offs must be positive with max >= initial, were " + initialBackoff
                        + " and " + maxBackoff);
            }
        }
    }

    private final Subject subject;
    private final Logger log;
    private final Policy policy;
    private final LongSupplier nanoTime;
    private final PendingInvalidations pending;
    private final int pendingLimit;
    private final Consumer<Duration> onOpen;

    private volatile State state = State.HALF_OPEN;
    private int consecutiveFailures;
    /** The current back-off; null while the circuit has never been open since it last closed. */
    private Duration backoff;
    private long retryAt;
    private long openedAt;
    private int deliveredThisProbe;
    private boolean epochMovedThisProbe;

    /**
     * @param onOpen called (under the lock, so it must not block) with the back-off each time the
     *               circuit opens: the store schedules its recovery probe with it
     */
    CircuitBreaker(Subject subject, Policy policy, int pendingLimit, LongSupplier nanoTime, Consumer<Duration> onOpen) {
        this.subject = Objects.requireNonNull(subject, "subject");
        this.log = LoggerFactory.getLogger(subject.logAs());
        this.policy = Objects.requireNonNull(policy, "policy");
        this.pendingLimit = pendingLimit;
        this.pending = new PendingInvalidations(pendingLimit);
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.onOpen = Objects.requireNonNull(onOpen, "onOpen");
    }

    /** The cache's breaker. */
    CircuitBreaker(Policy policy, int pendingLimit, LongSupplier nanoTime, Consumer<Duration> onOpen) {
        this(Subject.CACHE, policy, pendingLimit, nanoTime, onOpen);
    }

    State state() {
        return state;
    }

    boolean isClosed() {
        return state == State.CLOSED;
    }

    /** Whether the caller is to probe now: the circuit was open and its back-off is over. It is half-open then. */
    synchronized boolean tryStartProbe() {
        if (state == State.OPEN && nanoTime.getAsLong() - retryAt >= 0) {
            state = State.HALF_OPEN;
            deliveredThisProbe = 0;
            epochMovedThisProbe = false;
            return true;
        }
        return false;
    }

    synchronized void recordSuccess() {
        if (state == State.CLOSED) {
            consecutiveFailures = 0;
        }
    }

    synchronized void recordFailure(Throwable cause) {
        if (state == State.CLOSED && ++consecutiveFailures >= policy.failureThreshold()) {
            open(cause);
        }
    }

    /** Keeps the scopes for the probe unless the circuit is closed; answers whether they were kept. */
    synchronized boolean deferUnlessClosed(Set<CacheScope> scopes) {
        if (state == State.CLOSED) {
            return false;
        }
        keep(scopes);
        return true;
    }

    /** An invalidation failed: keeps its scopes and opens the circuit at once. */
    synchronized void deferAndOpen(Set<CacheScope> scopes, Throwable cause) {
        keep(scopes);
        if (state == State.CLOSED) {
            open(cause);
        }
    }

    /**
     * For the probe, once Redis answered: the next invalidations to deliver, or, when none are
     * pending, nothing, and the circuit is closed.
     */
    synchronized Optional<PendingInvalidations.Batch> nextBatchOrClose() {
        if (state != State.HALF_OPEN) {
            throw new IllegalStateException("only a probe delivers pending invalidations, the circuit is " + state.label());
        }
        if (pending.isEmpty()) {
            close();
            return Optional.empty();
        }
        PendingInvalidations.Batch batch = pending.take();
        deliveredThisProbe += batch.size();
        epochMovedThisProbe |= batch.overflowed();
        return Optional.of(batch);
    }

    /** The probe failed: the batch it was delivering (if any) stays pending, and the circuit opens for a longer back-off. */
    synchronized void probeFailed(PendingInvalidations.Batch undelivered, Throwable cause) {
        if (undelivered != null) {
            pending.restore(undelivered);
        }
        if (state != State.HALF_OPEN) {
            return;
        }
        if (backoff == null) {
            // start-up: the first opening
            open(cause);
            return;
        }
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : doubled;
        state = State.OPEN;
        retryAt = nanoTime.getAsLong() + backoff.toNanos();
        log.debug("{} still unavailable, next probe in {} ms: {}", subject.name(), backoff.toMillis(), reason(cause));
        onOpen.accept(backoff);
    }

    synchronized int pendingCount() {
        return pending.size();
    }

    private void keep(Set<CacheScope> scopes) {
        if (pending.add(scopes)) {
            log.warn("more than {} invalidations pending while the cache is unavailable: when it is back, the whole "
                    + "cache will be invalidated at once (epoch moved on)", pendingLimit);
        }
    }

    private void open(Throwable cause) {
        state = State.OPEN;
        consecutiveFailures = 0;
        backoff = policy.initialBackoff();
        openedAt = nanoTime.getAsLong();
        retryAt = openedAt + backoff.toNanos();
        log.warn("{} unavailable, {}: {}", subject.name(), subject.meanwhile(), reason(cause));
        onOpen.accept(backoff);
    }

    private void close() {
        state = State.CLOSED;
        consecutiveFailures = 0;
        if (backoff != null) {
            long downMillis = Duration.ofNanos(nanoTime.getAsLong() - openedAt).toMillis();
            String delivered = deliveredThisProbe == 0 && !epochMovedThisProbe ? ""
                    : "; delivered " + deliveredThisProbe + " pending invalidations"
                    + (epochMovedThisProbe ? " and moved the epoch on" : "");
            log.info("{} available again after {} ms{}", subject.name(), downMillis, delivered);
        }
        backoff = null;
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
