package io.chatplatform.adapter.redis;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * A pool used only while its {@link CircuitBreaker} allows, for callers that must never fail nor
 * wait for Redis (the presence registry, the live event bus's publisher). A call answers empty
 * when Redis is not used ({@link #skipped()}) or fails ({@link #failures()}); either way it waits
 * at most for the configured timeouts, and once the circuit is open not at all.
 *
 * <p>There is no recovery timer: these callers call often (heartbeats, the presence sweep), and
 * the first call after the back-off probes. Starts half-open and probes once, so Redis being down
 * at start-up is logged once and is no error.
 */
final class GuardedRedis implements AutoCloseable {

    private final UnifiedJedis client;
    private final CircuitBreaker breaker;
    private final List<LuaScript> scripts;
    private final Logger log;
    private final LongAdder failures = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private volatile boolean closed;

    /**
     * @param scripts loaded by every probe, so that a server that lost them after a restart is
     *                given them again before it is used
     */
    GuardedRedis(RedisSettings settings, CircuitBreaker.Subject subject, CircuitBreaker.Policy policy, List<LuaScript> scripts) {
        Objects.requireNonNull(settings, "settings");
        this.client = RedisConnections.pooled(settings);
        this.breaker = new CircuitBreaker(subject, policy, 1, System::nanoTime, backoff -> {
        });
        this.scripts = List.copyOf(scripts);
        this.log = LoggerFactory.getLogger(subject.logAs());
        probe();
    }

    /** What {@code work} answers, or empty when Redis is not used now or the call failed. */
    <T> Optional<T> call(Function<UnifiedJedis, T> work) {
        if (closed || !(breaker.isClosed() || (breaker.tryStartProbe() && probe()))) {
            skipped.increment();
            return Optional.empty();
        }
        T result;
        try {
            result = work.apply(client);
        } catch (RuntimeException e) {
            failures.increment();
            if (!closed) {
                log.debug("Redis call failed", e);
                breaker.recordFailure(e);
            }
            return Optional.empty();
        }
        breaker.recordSuccess();
        return Optional.ofNullable(result);
    }

    /**
     * The client itself, for a library that builds its own objects on it (bucket4j's proxy
     * manager); every call through those objects must still be made inside {@link #call}.
     */
    UnifiedJedis client() {
        return client;
    }

    /** Calls that reached for Redis and failed. */
    long failures() {
        return failures.sum();
    }

    /** Calls not made because the circuit was not closed (or the client was closed). */
    long skipped() {
        return skipped.sum();
    }

    CircuitBreaker.State circuit() {
        return breaker.state();
    }

    @Override
    public void close() {
        closed = true;
        client.close();
    }

    /** Run by the one caller that moved the circuit to half-open, or by the constructor. */
    private boolean probe() {
        try {
            if (scripts.isEmpty()) {
                client.ping();
            }
            for (LuaScript script : scripts) {
                script.load(client);
            }
            breaker.nextBatchOrClose();
            return true;
        } catch (RuntimeException e) {
            failures.increment();
            breaker.probeFailed(null, e);
            return false;
        }
    }
}
