package io.chatplatform.application.port.out;

import io.chatplatform.domain.cache.CacheScope;
import java.util.Objects;
import java.util.Set;

/**
 * A shared cache of read results (Redis, or in-process for a single instance).
 *
 * <p>The protocol that keeps it right under concurrency: {@link #get} answers a {@link Miss}
 * that remembers the generation of the key's scope at the moment of the lookup; the caller then
 * reads the store of record and {@link #put puts} the value under <em>that</em> generation. A
 * writer that committed in between has moved the generation on ({@link #invalidate}), so the
 * possibly stale value lands where no later reader looks.
 *
 * <p>A cache is an accelerator: an implementation never throws for its own faults (a server that
 * is down, slow or full). It answers {@link Bypass} instead, counts the failure and recovers by
 * itself.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface CacheStore extends ProbeDependency {

    /** The cached value, or a miss to fill, or a bypass when the cache cannot be used right now. */
    <V> Lookup<V> get(CacheKey<V> key);

    /** Stores the value for the key of the miss, in the generation the miss observed. */
    <V> void put(Miss<V> miss, V value);

    /**
     * Makes every entry of these scopes unreachable: one generation increment per scope. Called after
     * the change is committed and before the writer's response is sent.
     */
    void invalidate(Set<CacheScope> scopes);

    /** The cache server's own figures. */
    CacheServerStats serverStats();

    /** What a lookup found. */
    sealed interface Lookup<V> permits Hit, Miss, Bypass {
    }

    /** The cached value. */
    record Hit<V>(V value) implements Lookup<V> {
        public Hit {
            Objects.requireNonNull(value, "value");
        }
    }

    /** Nothing cached; fill it with {@link #put}, which writes under {@code generation}. */
    record Miss<V>(CacheKey<V> key, long generation) implements Lookup<V> {
        public Miss {
            Objects.requireNonNull(key, "key");
            if (generation < 0) {
                throw new IllegalArgumentException("generation cannot be negative, was " + generation);
            }
        }
    }

    /** The cache cannot be used right now: read the store of record and do not put. */
    record Bypass<V>() implements Lookup<V> {
    }
}
