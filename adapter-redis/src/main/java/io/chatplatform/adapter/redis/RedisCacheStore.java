package io.chatplatform.adapter.redis;

import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.application.port.out.CacheServerStats;
import io.chatplatform.application.port.out.CacheStore;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.domain.cache.CacheScope;
import io.chatplatform.domain.cache.CacheTtls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The shared cache on Redis, following the {@link CacheStore} protocol with generation counters
 * (docs/cache.md: key layout, why it is right under concurrency, failure behaviour).
 *
 * <p>Each call is O(1) on the server and one round trip: a lookup is one Lua script that reads
 * the epoch, the scope's generation and the entry; a put is one script that stores the entry
 * only if epoch and generation are still those the lookup saw; an invalidation is one pipeline of
 * {@code INCR} + {@code PEXPIRE} per scope. Nothing ever walks the keyspace.
 *
 * <p>The cache is an accelerator, so nothing here throws for a Redis fault or waits longer than
 * the configured timeouts: a lookup answers {@link Bypass}, a put is dropped, each counted in
 * {@link CacheServerStats#failures()}. A {@link CircuitBreaker} stops using Redis after repeated
 * failures and probes it again by itself; invalidations that could not be delivered are kept and
 * delivered before the cache serves anything again. Redis being down at start-up is no error:
 * the store starts without it and picks it up when it appears.
 */
public final class RedisCacheStore implements CacheStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCacheStore.class);

    /** Invalidations kept through an outage before the whole cache is invalidated instead. */
    static final int DEFAULT_PENDING_LIMIT = 100_000;
    /** Epochs start at a random value in [1, this), so that one lost with Redis's data is not reused. */
    static final long EPOCH_SEED_BOUND = 1L << 20;

    private final RedisSettings settings;
    private final CacheTtls ttls;
    private final RedisKeys keys;
    private final UnifiedJedis client;
    private final CircuitBreaker breaker;
    private final ScheduledExecutorService recovery;
    private final String generationTtlMillis;
    private final LongAdder failures = new LongAdder();
    private volatile boolean closed;
    private final ChatMetrics metrics;
    private final NearCache near;

    /**
     * A store on the server {@code settings} name, with entries living as {@code ttls} says. Does
     * not fail when Redis is unreachable: the store then starts without it (lookups bypass the
     * cache) and starts using it once it answers.
     */
    public static RedisCacheStore connect(RedisSettings settings, CacheTtls ttls) {
        return connect(settings, ttls, ChatMetrics.NONE);
    }

    /** As {@link #connect(RedisSettings, CacheTtls)}, reporting round-trip times and failures to {@code metrics}. */
    public static RedisCacheStore connect(RedisSettings settings, CacheTtls ttls, ChatMetrics metrics) {
        return new RedisCacheStore(settings, ttls, CircuitBreaker.Policy.DEFAULT, DEFAULT_PENDING_LIMIT, metrics);
    }

    RedisCacheStore(RedisSettings settings, CacheTtls ttls, CircuitBreaker.Policy policy, int pendingLimit) {
        this(settings, ttls, policy, pendingLimit, ChatMetrics.NONE);
    }

    RedisCacheStore(RedisSettings settings, CacheTtls ttls, CircuitBreaker.Policy policy, int pendingLimit,
                    ChatMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.near = new NearCache(ttls, NearCache.DEFAULT_MAX_WEIGHT);
        this.ttls = Objects.requireNonNull(ttls, "ttls");
        this.keys = new RedisKeys(settings.keyPrefix());
        // a counter outlives every entry stored under it: each put refreshes it to twice the longest lifetime
        this.generationTtlMillis = Long.toString(ttls.longest().multipliedBy(2).toMillis());
        this.client = RedisConnections.pooled(settings);
        this.recovery = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "redis-cache-recovery");
            thread.setDaemon(true);
            return thread;
        });
        this.breaker = new CircuitBreaker(CircuitBreaker.Subject.CACHE, policy, pendingLimit, System::nanoTime,
                this::scheduleProbe);
        if (probe()) {
            LOG.info("cache on Redis at {} (key prefix {})", settings.address(), settings.keyPrefix());
        }
    }

    @Override
    public <V> Lookup<V> get(CacheKey<V> key) {
        Objects.requireNonNull(key, "key");
        if (!usable()) {
            return new Bypass<>();
        }
        NearCache.Copy held = near.held(key);
        if (held != null) {
            // the common case, a copy held here: one plain MGET of the two counters, no script
            try {
                long start = System.nanoTime();
                List<String> version = key.scope().isPresent()
                        ? client.mget(keys.epoch(), keys.generation(key.scope().get()))
                        : client.mget(keys.epoch());
                metrics.cacheOperation("get", Duration.ofNanos(System.nanoTime() - start));
                String epoch = version.get(0);
                String generation = version.size() > 1 && version.get(1) != null ? version.get(1) : "0";
                if (epoch != null && held.version().equals(epoch + ":" + generation)) {
                    breaker.recordSuccess();
                    @SuppressWarnings("unchecked")
                    V copy = (V) held.value();
                    return new Hit<>(copy);
                }
            } catch (RuntimeException e) {
                failed(e);
                return new Bypass<>();
            }
        }
        Miss<V> miss;
        String value;
        try {
            List<String> scriptKeys = new ArrayList<>(2);
            scriptKeys.add(keys.epoch());
            key.scope().ifPresent(scope -> scriptKeys.add(keys.generation(scope)));
            String seed = Long.toString(ThreadLocalRandom.current().nextLong(1, EPOCH_SEED_BOUND));
            long start = System.nanoTime();
            List<?> reply = (List<?>) LuaScript.GET.run(client, scriptKeys,
                    List.of(keys.entryHead(key), key.id(), seed, held == null ? "" : held.version()));
            metrics.cacheOperation("get", Duration.ofNanos(System.nanoTime() - start));
            long epoch = Long.parseLong((String) reply.get(0));
            long generation = Long.parseLong((String) reply.get(1));
            if (!Stamp.fits(epoch, generation)) {
                throw new IllegalStateException("epoch " + epoch + " or generation " + generation + " of " + key + " is out of range");
            }
            if (held != null && "1".equals(reply.get(3))) {
                breaker.recordSuccess();
                @SuppressWarnings("unchecked")
                V copy = (V) held.value();
                return new Hit<>(copy);
            }
            miss = new Miss<>(key, Stamp.of(epoch, generation));
            value = (String) reply.get(2);
        } catch (RuntimeException e) {
            failed(e);
            return new Bypass<>();
        }
        breaker.recordSuccess();
        if (value == null) {
            return miss;
        }
        // a value this version cannot read (an older format, say) is a miss: the put that follows overwrites it
        Optional<V> decoded = ValueCodec.decode(key, value);
        if (decoded.isEmpty()) {
            return miss;
        }
        return new Hit<>(near.hold(key, Stamp.epoch(miss.generation()), Stamp.generation(miss.generation()),
                decoded.get(), value.length()));
    }

    @Override
    public <V> void put(Miss<V> miss, V value) {
        Objects.requireNonNull(miss, "miss");
        Objects.requireNonNull(value, "value");
        if (closed || !breaker.isClosed()) {
            return;
        }
        CacheKey<V> key = miss.key();
        long epoch = Stamp.epoch(miss.generation());
        long generation = Stamp.generation(miss.generation());
        String json;
        try {
            json = ValueCodec.encode(key, value);
        } catch (RuntimeException e) {
            LOG.debug("not caching a value of {} that cannot be encoded", key, e);
            return;
        }
        List<String> scriptKeys = new ArrayList<>(3);
        scriptKeys.add(keys.epoch());
        scriptKeys.add(keys.entry(key, epoch, generation));
        key.scope().ifPresent(scope -> scriptKeys.add(keys.generation(scope)));
        List<String> args = List.of(Long.toString(epoch), Long.toString(generation), json,
                Long.toString(ttls.of(key.type()).toMillis()), generationTtlMillis);
        try {
            long start = System.nanoTime();
            Object stored = LuaScript.PUT.run(client, scriptKeys, args);
            metrics.cacheOperation("put", Duration.ofNanos(System.nanoTime() - start));
            breaker.recordSuccess();
            if (Long.valueOf(1).equals(stored)) {
                near.hold(key, epoch, generation, value, json.length());
            }
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    @Override
    public void invalidate(Set<CacheScope> scopes) {
        Objects.requireNonNull(scopes, "scopes");
        if (scopes.isEmpty()) {
            return;
        }
        if (!closed && !breaker.isClosed() && breaker.tryStartProbe()) {
            probe();
        }
        // kept for later unless the circuit is closed, atomically: a probe cannot close it in between
        if (closed || breaker.deferUnlessClosed(scopes)) {
            return;
        }
        try {
            long start = System.nanoTime();
            deliver(new PendingInvalidations.Batch(scopes, false));
            metrics.cacheOperation("invalidate", Duration.ofNanos(System.nanoTime() - start));
            breaker.recordSuccess();
        } catch (RuntimeException e) {
            failures.increment();
            metrics.cacheFailure();
            breaker.deferAndOpen(scopes, e);
        }
    }

    @Override
    public CacheServerStats serverStats() {
        if (!usable()) {
            return ServerInfo.unavailable(failures.sum(), breaker.state().label());
        }
        try {
            String info = client.info();
            breaker.recordSuccess();
            return ServerInfo.stats(info, failures.sum(), breaker.state().label());
        } catch (RuntimeException e) {
            failed(e);
            return ServerInfo.unavailable(failures.sum(), breaker.state().label());
        }
    }

    @Override
    public boolean isAvailable() {
        if (closed) {
            return false;
        }
        if (!breaker.isClosed()) {
            // a due probe pings (and more); otherwise the answer is no, at once
            return breaker.tryStartProbe() && probe();
        }
        try {
            client.ping();
            breaker.recordSuccess();
            return true;
        } catch (RuntimeException e) {
            failed(e);
            return false;
        }
    }

    /** Stops the recovery timer and closes the connection pool. Invalidations still pending are lost, and logged. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        recovery.shutdownNow();
        int pending = breaker.pendingCount();
        if (pending > 0) {
            LOG.warn("closing the cache with {} invalidations undelivered: other instances may serve those entries "
                    + "until they expire", pending);
        }
        client.close();
    }

    /** The circuit's state, read without probing. */
    CircuitBreaker.State circuit() {
        return breaker.state();
    }

    @Override
    public String toString() {
        return "RedisCacheStore[" + settings.address() + ", prefix " + settings.keyPrefix() + ", circuit "
                + breaker.state().label() + "]";
    }

    /** Whether a call may use Redis now: the circuit is closed, or it was due for a probe that this caller ran and passed. */
    private boolean usable() {
        if (closed) {
            return false;
        }
        return breaker.isClosed() || (breaker.tryStartProbe() && probe());
    }

    private void failed(RuntimeException e) {
        failures.increment();
        metrics.cacheFailure();
        if (!closed) {
            LOG.debug("cache call failed", e);
            breaker.recordFailure(e);
        }
    }

    /**
     * Run by the one caller that moved the circuit to half-open (or by the constructor): caches the
     * scripts, which also shows that Redis answers, then delivers every pending invalidation, and
     * closes the circuit when none is left.
     */
    private boolean probe() {
        PendingInvalidations.Batch delivering = null;
        try {
            LuaScript.GET.load(client);
            LuaScript.PUT.load(client);
            Optional<PendingInvalidations.Batch> batch;
            while ((batch = breaker.nextBatchOrClose()).isPresent()) {
                delivering = batch.get();
                deliver(delivering);
                delivering = null;
            }
            return true;
        } catch (RuntimeException e) {
            failures.increment();
            breaker.probeFailed(delivering, e);
            return false;
        }
    }

    /** One pipeline: the epoch moved on when the batch overflowed, and each scope's generation. */
    private void deliver(PendingInvalidations.Batch batch) {
        try (AbstractPipeline pipeline = client.pipelined()) {
            List<Response<?>> replies = new ArrayList<>();
            if (batch.overflowed()) {
                // after a data loss there is no epoch yet: seed it as a lookup would, then move it on
                String seed = Long.toString(ThreadLocalRandom.current().nextLong(1, EPOCH_SEED_BOUND));
                replies.add(pipeline.set(keys.epoch(), seed, SetParams.setParams().nx()));
                replies.add(pipeline.incr(keys.epoch()));
            }
            for (CacheScope scope : batch.scopes()) {
                String counter = keys.generation(scope);
                replies.add(pipeline.incr(counter));
                replies.add(pipeline.pexpire(counter, Long.parseLong(generationTtlMillis)));
            }
            pipeline.sync();
            for (Response<?> reply : replies) {
                reply.get(); // throws the error of a command that failed
            }
        }
        if (batch.overflowed()) {
            LOG.info("moved the cache epoch on: every entry cached before the outage is now unreachable");
        }
    }

    private void scheduleProbe(Duration backoff) {
        if (closed) {
            return;
        }
        try {
            recovery.schedule(this::probeIfDue, backoff.toMillis() + 5, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void probeIfDue() {
        if (closed) {
            return;
        }
        // a caller may have probed first; then there is nothing to do (a failed probe scheduled the next one)
        if (breaker.tryStartProbe()) {
            probe();
        }
    }
}
