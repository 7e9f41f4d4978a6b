package io.chatplatform.adapter.redis;

import io.chatplatform.domain.cache.CacheScope;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache's invalidations that could not reach Redis, kept until they do: the cache's promise
 * that a write that returned is never hidden by a stale entry (docs/cache.md, "Invalidations are
 * not lost").
 *
 * <p>An invalidation counts as pending from the moment it is {@linkplain #keep kept} until the
 * pipeline that delivers it has been answered, and the store serves nothing from Redis while
 * anything is pending ({@link #isEmpty}). So whatever the circuit breaker's state, and whoever
 * delivers the backlog (the probe that closes the circuit, or the first lookup after it), no
 * lookup sees an entry that a kept invalidation made stale.
 *
 * <p>Thread-safe: keeping and taking share one lock; one {@link #flush} runs at a time.
 */
final class InvalidationBacklog {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCacheStore.class);

    private final int limit;
    /** Guarded by this. */
    private final PendingInvalidations pending;
    private final ReentrantLock flushing = new ReentrantLock();
    /** False from a keep until a flush has delivered everything; written under this. */
    private volatile boolean empty = true;

    /** Keeps at most {@code limit} scopes; past that, the whole cache is invalidated instead (the epoch moves on). */
    InvalidationBacklog(int limit) {
        this.pending = new PendingInvalidations(limit);
        this.limit = limit;
    }

    /** Keeps the scopes until a {@link #flush} delivers them. */
    void keep(Set<CacheScope> scopes) {
        Objects.requireNonNull(scopes, "scopes");
        synchronized (this) {
            empty = false;
            if (pending.add(scopes)) {
                LOG.warn("more than {} invalidations pending while the cache is unavailable: when it is back, the whole "
                        + "cache will be invalidated at once (epoch moved on)", limit);
            }
        }
    }

    /** Whether nothing is pending, nor being delivered. */
    boolean isEmpty() {
        return empty;
    }

    /** Scopes pending (not counting a batch being delivered). */
    synchronized int size() {
        return pending.size();
    }

    /**
     * Delivers everything pending with {@code deliver}, batch by batch (invalidations kept
     * meanwhile included), and answers whether nothing is left. Answers false at once when
     * another flush is under way. A batch whose delivery throws stays pending, and the exception
     * propagates.
     */
    boolean flush(Consumer<PendingInvalidations.Batch> deliver) {
        if (empty) {
            return true;
        }
        if (!flushing.tryLock()) {
            return false;
        }
        try {
            int delivered = 0;
            boolean epochMoved = false;
            while (true) {
                PendingInvalidations.Batch batch;
                synchronized (this) {
                    if (pending.isEmpty()) {
                        empty = true;
                        break;
                    }
                    batch = pending.take();
                }
                try {
                    deliver.accept(batch);
                } catch (RuntimeException e) {
                    synchronized (this) {
                        pending.restore(batch);
                    }
                    throw e;
                }
                delivered += batch.size();
                epochMoved |= batch.overflowed();
            }
            if (delivered > 0 || epochMoved) {
                LOG.info("delivered {} pending invalidations{}", delivered, epochMoved ? " and moved the epoch on" : "");
            }
            return true;
        } finally {
            flushing.unlock();
        }
    }
}
