package io.chatplatform.adapter.redis;

import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.application.port.out.CacheServerStats;
import io.chatplatform.application.port.out.CacheStore;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.domain.cache.CacheScope;
import io.chatplatform.domain.cache.CacheTtls;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * The shared cache on Redis, following the {@link CacheStore} protocol with generation counters
 * (docs/cache.md: key layout, why it is right under concurrency, failure behaviour).
 *
 * <p>Each call is O(1) on the server and one round trip ({@link CacheCommands}): a lookup is one
 * Lua script that reads the epoch, the scope's generation and the entry; a put is one script that
 * stores the entry only if epoch and generation are still those the lookup saw; an invalidation
 * is one pipeline of {@code INCR} + {@code PEXPIRE} per scope. Nothing ever walks the keyspace.
 *
 * <p>The cache is an accelerator, so nothing here throws for a Redis fault or waits longer than
 * the configured timeouts: a lookup answers {@link Bypass}, a put is dropped, each counted in
 * {@link CacheServerStats#failures()}. A circuit breaker ({@link GuardedRedis}) stops using
 * Redis after repeated failures and probes it again by itself, on a recovery timer when no
 * request comes. Invalidations that could not be delivered are kept ({@link InvalidationBacklog})
 * and delivered before the cache serves anything again. Redis being down at start-up is no error:
 * the store starts without it and picks it up when it appears.
 */
public final class RedisCacheStore implements CacheStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCacheStore.class);

    static final GuardedRedis.Subject SUBJECT = new GuardedRedis.Subject(RedisCacheStore.class, "cache", "serving without it");
    /** Invalidations kept through an outage before the whole cache is invalidated instead. */
    static final int DEFAULT_PENDING_LIMIT = 100_000;

    private final RedisSettings settings;
    private final CacheCommands commands;
    private final InvalidationBacklog backlog;
    private final NearCache near;
    private final ScheduledExecutorService recovery;
    private final GuardedRedis redis;
    private volatile boolean closed;

    /**
     * A store on the server {@code settings} name, with entries living as {@code ttls} says, on
     * connections of its own. Does not fail when Redis is unreachable: the store then starts
     * without it (lookups bypass the cache) and starts using it once it answers.
     */
    public static RedisCacheStore connect(RedisSettings settings, CacheTtls ttls) {
        return connect(settings, ttls, ChatMetrics.NONE);
    }

    /** As {@link #connect(RedisSettings, CacheTtls)}, reporting round-trip times and failures to {@code metrics}. */
    public static RedisCacheStore connect(RedisSettings settings, CacheTtls ttls, ChatMetrics metrics) {
        return new RedisCacheStore(RedisConnections.open(settings), true, ttls, BreakerPolicy.DEFAULT,
                DEFAULT_PENDING_LIMIT, metrics);
    }

    /**
     * As {@link #connect(RedisSettings, CacheTtls, ChatMetrics)}, on the instance's shared
     * {@code connections}, which closing the store leaves open.
     */
    public static RedisCacheStore connect(RedisConnections connections, CacheTtls ttls, ChatMetrics metrics) {
        return new RedisCacheStore(connections, false, ttls, BreakerPolicy.DEFAULT, DEFAULT_PENDING_LIMIT, metrics);
    }

    RedisCacheStore(RedisSettings settings, CacheTtls ttls, BreakerPolicy policy, int pendingLimit) {
        this(RedisConnections.open(settings), true, ttls, policy, pendingLimit, ChatMetrics.NONE);
    }

    private RedisCacheStore(RedisConnections connections, boolean ownsConnections, CacheTtls ttls,
                            BreakerPolicy policy, int pendingLimit, ChatMetrics metrics) {
        Objects.requireNonNull(metrics, "metrics");
        this.settings = connections.settings();
        this.commands = new CacheCommands(new RedisKeys(settings.keyPrefix()), Objects.requireNonNull(ttls, "ttls"), metrics);
        this.backlog = new InvalidationBacklog(pendingLimit);
        this.near = new NearCache(ttls, NearCache.DEFAULT_MAX_WEIGHT);
        this.recovery = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "redis-cache-recovery");
            thread.setDaemon(true);
            return thread;
        });
        this.redis = new GuardedRedis(connections, ownsConnections, SUBJECT, policy, this::probe, this::scheduleProbe,
                metrics::cacheFailure);
        if (redis.start()) {
            LOG.info("cache on Redis at {} (key prefix {})", settings.address(), settings.keyPrefix());
        }
    }

    @Override
    public <V> Lookup<V> get(CacheKey<V> key) {
        Objects.requireNonNull(key, "key");
        if (closed || !backlogDelivered()) {
            return new Bypass<>();
        }
        NearCache.Copy held = near.held(key);
        Optional<CacheCommands.Read> read = redis.call(client -> commands.read(client, key, held));
        if (read.isEmpty()) {
            return new Bypass<>();
        }
        if (read.get().heldIsCurrent()) {
            @SuppressWarnings("unchecked")
            V copy = (V) held.value();
            return new Hit<>(copy);
        }
        Miss<V> miss = new Miss<>(key, read.get().stamp());
        String value = read.get().value();
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
        // a put never probes: it is worth nothing while the circuit is not closed
        if (closed || redis.circuit() != CircuitBreaker.State.CLOSED) {
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
        if (redis.call(client -> commands.write(client, key, epoch, generation, json)).orElse(false)) {
            near.hold(key, epoch, generation, value, json.length());
        }
    }

    /** Delivered now when Redis can be used, else kept (and then the circuit opens at once). */
    @Override
    public void invalidate(Set<CacheScope> scopes) {
        Objects.requireNonNull(scopes, "scopes");
        if (scopes.isEmpty() || closed) {
            return;
        }
        PendingInvalidations.Batch batch = new PendingInvalidations.Batch(scopes, false);
        Optional<Boolean> delivered = redis.callOrOpen(client -> {
            commands.invalidate(client, batch);
            return Boolean.TRUE;
        });
        if (delivered.isEmpty()) {
            backlog.keep(scopes);
        }
    }

    @Override
    public CacheServerStats serverStats() {
        Optional<String> info = closed ? Optional.empty() : redis.call(UnifiedJedis::info);
        String circuit = GuardedRedis.label(redis.circuit());
        return info.map(text -> ServerInfo.stats(text, redis.failures(), circuit))
                .orElseGet(() -> ServerInfo.unavailable(redis.failures(), circuit));
    }

    /** A {@code PING}; when the circuit is open, no at once, unless a probe is due, which this call then runs. */
    @Override
    public boolean isAvailable() {
        return !closed && redis.call(UnifiedJedis::ping).isPresent();
    }

    /** Stops the recovery timer and closes the connections if they are the store's own. Invalidations still pending are lost, and logged. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        recovery.shutdownNow();
        int pending = backlog.size();
        if (pending > 0) {
            LOG.warn("closing the cache with {} invalidations undelivered: other instances may serve those entries "
                    + "until they expire", pending);
        }
        redis.close();
    }

    /** The circuit's state, read without probing. */
    CircuitBreaker.State circuit() {
        return redis.circuit();
    }

    /** The invalidations kept for later: for tests that put the store in a state only a race reaches. */
    InvalidationBacklog backlog() {
        return backlog;
    }

    @Override
    public String toString() {
        return "RedisCacheStore[" + settings.address() + ", prefix " + settings.keyPrefix() + ", circuit "
                + GuardedRedis.label(redis.circuit()) + "]";
    }

    /**
     * Whether nothing kept is undelivered, delivering it first if need be: the cache serves
     * nothing while an invalidation is pending. A failed delivery opens the circuit at once.
     */
    private boolean backlogDelivered() {
        return backlog.isEmpty()
                || redis.callOrOpen(client -> backlog.flush(batch -> commands.deliver(client, batch))).orElse(false);
    }

    /**
     * The half-open probe: caches the scripts, which also shows that Redis answers, then delivers
     * every pending invalidation, so that the circuit closes with nothing pending.
     */
    private void probe(UnifiedJedis client) {
        LuaScript.GET.load(client);
        LuaScript.PUT.load(client);
        backlog.flush(batch -> commands.deliver(client, batch));
    }

    private void scheduleProbe(Duration backoff) {
        if (closed) {
            return;
        }
        try {
            // a caller may probe first; then the timer finds the circuit no longer open and does nothing
            recovery.schedule(redis::probeIfDue, backoff.toMillis() + 5, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }
}
