package io.chatplatform.adapter.redis;

import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.domain.cache.CacheScope;
import io.chatplatform.domain.cache.CacheTtls;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The cache's protocol in Redis commands, each one round trip, each timed for the metrics
 * (docs/cache.md, "What each call costs"). Throws whatever Jedis throws: the store decides what
 * a failure means.
 */
final class CacheCommands {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCacheStore.class);

    /** Epochs start at a random value in [1, this), so that one lost with Redis's data is not reused. */
    static final long EPOCH_SEED_BOUND = 1L << 20;

    /**
     * What Redis said of an entry: either that the copy held here is still current, or the
     * version ({@link Stamp}) a miss observed and the stored JSON, if any.
     */
    record Read(boolean heldIsCurrent, long stamp, String value) {

        static final Read HELD_IS_CURRENT = new Read(true, 0, null);
    }

    private final RedisKeys keys;
    private final CacheTtls ttls;
    private final ChatMetrics metrics;
    private final String generationTtlMillis;

    CacheCommands(RedisKeys keys, CacheTtls ttls, ChatMetrics metrics) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.ttls = Objects.requireNonNull(ttls, "ttls");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        // a counter outlives every entry stored under it: each put refreshes it to twice the longest lifetime
        this.generationTtlMillis = Long.toString(ttls.longest().multipliedBy(2).toMillis());
    }

    /**
     * Reads the entry for {@code key}. With a copy held here, first one plain {@code MGET} of the
     * counters (the common case: no script, no value on the wire); otherwise, or when the copy is
     * out of date, the lookup script, which leaves the value out when the held copy is current.
     */
    Read read(UnifiedJedis client, CacheKey<?> key, NearCache.Copy held) {
        if (held != null) {
            long start = System.nanoTime();
            List<String> version = key.scope().isPresent()
                    ? client.mget(keys.epoch(), keys.generation(key.scope().get()))
                    : client.mget(keys.epoch());
            metrics.cacheOperation("get", Duration.ofNanos(System.nanoTime() - start));
            String epoch = version.get(0);
            String generation = version.size() > 1 && version.get(1) != null ? version.get(1) : "0";
            if (epoch != null && held.version().equals(epoch + ":" + generation)) {
                return Read.HELD_IS_CURRENT;
            }
        }
        List<String> scriptKeys = new ArrayList<>(2);
        scriptKeys.add(keys.epoch());
        key.scope().ifPresent(scope -> scriptKeys.add(keys.generation(scope)));
        long start = System.nanoTime();
        List<?> reply = (List<?>) LuaScript.GET.run(client, scriptKeys,
                List.of(keys.entryHead(key), key.id(), seed(), held == null ? "" : held.version()));
        metrics.cacheOperation("get", Duration.ofNanos(System.nanoTime() - start));
        long epoch = Long.parseLong((String) reply.get(0));
        long generation = Long.parseLong((String) reply.get(1));
        if (!Stamp.fits(epoch, generation)) {
            throw new IllegalStateException("epoch " + epoch + " or generation " + generation + " of " + key + " is out of range");
        }
        if (held != null && "1".equals(reply.get(3))) {
            return Read.HELD_IS_CURRENT;
        }
        return new Read(false, Stamp.of(epoch, generation), (String) reply.get(2));
    }

    /** Stores {@code json} for {@code key} if epoch and generation are still these; answers whether it did. */
    boolean write(UnifiedJedis client, CacheKey<?> key, long epoch, long generation, String json) {
        List<String> scriptKeys = new ArrayList<>(3);
        scriptKeys.add(keys.epoch());
        scriptKeys.add(keys.entry(key, epoch, generation));
        key.scope().ifPresent(scope -> scriptKeys.add(keys.generation(scope)));
        List<String> args = List.of(Long.toString(epoch), Long.toString(generation), json,
                Long.toString(ttls.of(key.type()).toMillis()), generationTtlMillis);
        long start = System.nanoTime();
        Object stored = LuaScript.PUT.run(client, scriptKeys, args);
        metrics.cacheOperation("put", Duration.ofNanos(System.nanoTime() - start));
        return Long.valueOf(1).equals(stored);
    }

    /** An invalidation made now: moves each scope's generation on, timed as one "invalidate". */
    void invalidate(UnifiedJedis client, PendingInvalidations.Batch batch) {
        long start = System.nanoTime();
        deliver(client, batch);
        metrics.cacheOperation("invalidate", Duration.ofNanos(System.nanoTime() - start));
    }

    /** One pipeline: the epoch moved on when the batch overflowed, and each scope's generation. */
    void deliver(UnifiedJedis client, PendingInvalidations.Batch batch) {
        try (AbstractPipeline pipeline = client.pipelined()) {
            List<Response<?>> replies = new ArrayList<>();
            if (batch.overflowed()) {
                // after a data loss there is no epoch yet: seed it as a lookup would, then move it on
                replies.add(pipeline.set(keys.epoch(), seed(), SetParams.setParams().nx()));
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

    private static String seed() {
        return Long.toString(ThreadLocalRandom.current().nextLong(1, EPOCH_SEED_BOUND));
    }
}
