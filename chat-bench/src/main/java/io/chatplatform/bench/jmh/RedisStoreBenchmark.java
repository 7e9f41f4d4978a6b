package io.chatplatform.bench.jmh;

import io.chatplatform.adapter.redis.RedisCacheStore;
import io.chatplatform.adapter.redis.RedisSettings;
import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.application.port.out.CacheStore;
import io.chatplatform.domain.cache.CacheTtls;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A cached history page read through the public {@code RedisCacheStore} (one {@code EVALSHA}, then
 * decoding): the whole cost of a cache hit, the round trip to a local Redis included. Needs Redis
 * at {@code -p redisUrl=...} (default 127.0.0.1:6379); keys go under a random prefix, removed afterwards.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RedisStoreBenchmark {

    @Param("redis://127.0.0.1:6379/0")
    public String redisUrl;

    private RedisSettings settings;
    private String prefix;
    private RedisCacheStore store;
    private CacheKey<List<Message>> key;

    @Setup
    public void setUp() {
        prefix = "bench-jmh-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        settings = RedisSettings.fromUrl(redisUrl).withKeyPrefix(prefix);
        store = RedisCacheStore.connect(settings, CacheTtls.defaults());
        key = CacheKey.historyPage(Fixtures.CONVERSATION, Fixtures.ALICE, HistoryPage.newest());
        CacheStore.Lookup<List<Message>> first = store.get(key);
        if (!(first instanceof CacheStore.Miss<List<Message>> miss)) {
            throw new IllegalStateException("Redis at " + redisUrl + " is not usable: " + first);
        }
        store.put(miss, Fixtures.page(50));
        if (!(store.get(key) instanceof CacheStore.Hit<?>)) {
            throw new IllegalStateException("the page was not cached");
        }
    }

    @Benchmark
    public CacheStore.Lookup<List<Message>> hit() {
        return store.get(key);
    }

    /** Removes this run's keys (the epoch key has no expiry), with a plain Jedis connection. */
    @TearDown
    public void tearDown() {
        store.close();
        try (Jedis jedis = new Jedis(settings.host(), settings.port())) {
            settings.password().ifPresent(password -> {
                if (settings.user().isPresent()) {
                    jedis.auth(settings.user().get(), password);
                } else {
                    jedis.auth(password);
                }
            });
            jedis.select(settings.database());
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = jedis.scan(cursor, new ScanParams().match(prefix + "*").count(1000));
                if (!page.getResult().isEmpty()) {
                    jedis.del(page.getResult().toArray(String[]::new));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
    }
}
