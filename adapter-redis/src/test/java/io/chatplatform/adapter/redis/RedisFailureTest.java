package io.chatplatform.adapter.redis;

import static io.chatplatform.testkit.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.application.port.out.CacheServerStats;
import io.chatplatform.application.port.out.CacheStore.Bypass;
import io.chatplatform.application.port.out.CacheStore.Hit;
import io.chatplatform.application.port.out.CacheStore.Lookup;
import io.chatplatform.application.port.out.CacheStore.Miss;
import io.chatplatform.domain.cache.CacheScope;
import io.chatplatform.domain.cache.CacheTtls;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import io.chatplatform.testkit.RedisServer;
import io.chatplatform.testkit.SharedRedis;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis down, killed, restarted and frozen under the store: requests never fail and never wait
 * longer than the timeouts, the store recovers by itself, and no invalidation is lost. Each test
 * runs its own redis-server.
 */
@DisplayName("RedisCacheStore when Redis fails")
class RedisFailureTest {

    /** Shorter back-offs than the defaults (1 s doubling to 30 s) keep these tests quick. */
    private static final BreakerPolicy QUICK = new BreakerPolicy(3, Duration.ofMillis(300), Duration.ofSeconds(1));
    private static final Duration SOCKET_TIMEOUT = RedisSettings.DEFAULT_SOCKET_TIMEOUT;
    /** What a call may take beyond the socket timeout: scheduling, a connection's set-up. */
    private static final Duration SLACK = Duration.ofMillis(400);

    private final RedisServer server = RedisServer.onFreePort();
    private final String prefix = SharedRedis.freshPrefix();
    private final CapturedLog log = new CapturedLog();
    private RedisCacheStore store;

    @AfterEach
    void stop() {
        if (store != null) {
            store.close();
        }
        server.close();
        log.close();
    }

    private RedisCacheStore quickStore(int pendingLimit) {
        return new RedisCacheStore(TestRedis.of(server, prefix), CacheTtls.defaults(), QUICK, pendingLimit);
    }

    private static CacheKey<Long> unread(long user) {
        return CacheKey.unreadCount(UserId.of(user));
    }

    @SuppressWarnings("unchecked")
    private <V> void cache(CacheKey<V> key, V value) {
        Lookup<V> lookup = store.get(key);
        assertThat(lookup).as("lookup of %s", key).isInstanceOf(Miss.class);
        store.put((Miss<V>) lookup, value);
        assertThat(store.get(key)).isEqualTo(new Hit<>(value));
    }

    /** The first answer that is not a bypass, waiting for the store to recover by itself. */
    private <V> Lookup<V> firstAnswerFromCache(CacheKey<V> key, Duration within) {
        eventually("the store recovered (circuit closed)").atMost(within)
                .until(() -> store.circuit() == CircuitBreaker.State.CLOSED);
        return store.get(key);
    }

    private static <T> Timed<T> timed(Supplier<T> call) {
        long start = System.nanoTime();
        T result = call.get();
        return new Timed<>(result, Duration.ofNanos(System.nanoTime() - start));
    }

    private record Timed<T>(T result, Duration took) {
    }

    @Test
    @DisplayName("starts without Redis, bypassing the cache, and starts caching by itself once Redis appears")
    void redis_down_at_start_up() {
        Timed<RedisCacheStore> connecting = timed(() -> RedisCacheStore.connect(TestRedis.of(server, prefix), CacheTtls.defaults()));
        store = connecting.result();

        assertThat(connecting.took()).isLessThan(Duration.ofSeconds(1));
        assertThat(store.get(unread(1))).isInstanceOf(Bypass.class);
        assertThat(store.isAvailable()).isFalse();
        store.put(new Miss<>(unread(1), 0), 1L);
        store.invalidate(Set.of(CacheScope.inbox(UserId.of(1))));
        CacheServerStats stats = store.serverStats();
        assertThat(stats.available()).isFalse();
        assertThat(stats.circuit()).isEqualTo("open");
        assertThat(stats.failures()).isPositive();
        assertThat(stats.connectedClients()).isEmpty();
        assertThat(stats.usedMemoryBytes()).isEmpty();
        assertThat(log.messages(Level.WARN, "cache unavailable, serving without it: ")).hasSize(1);

        server.start();

        // the default back-off: probes come 1 s after start-up, then 2 s later, ...
        assertThat(firstAnswerFromCache(unread(1), Duration.ofSeconds(10))).isInstanceOf(Miss.class);
        cache(unread(1), 3L);
        assertThat(store.isAvailable()).isTrue();
        assertThat(store.serverStats().circuit()).isEqualTo("closed");
    }

    @Test
    @DisplayName("when Redis dies, counts the failures, opens after three and then answers without the network; "
            + "closes by itself when Redis is back, logging each change once")
    void redis_killed_and_restarted() {
        server.start();
        // the default back-off (1 s), so that the circuit stays open while the test looks at it
        store = new RedisCacheStore(TestRedis.of(server, prefix), CacheTtls.defaults(), BreakerPolicy.DEFAULT, 100);
        cache(unread(1), 1L);

        server.kill();
        for (int i = 0; i < 3; i++) {
            assertThat(store.circuit()).isEqualTo(CircuitBreaker.State.CLOSED);
            Timed<Lookup<Long>> lookup = timed(() -> store.get(unread(1)));
            assertThat(lookup.result()).isInstanceOf(Bypass.class);
            assertThat(lookup.took()).isLessThan(SOCKET_TIMEOUT.plus(SLACK));
        }
        assertThat(store.circuit()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(store.serverStats().failures()).isEqualTo(3);

        // Redis is back at once, but the open circuit does not look: nothing reaches the server
        server.start();
        Duration slowest = Duration.ZERO;
        for (int i = 0; i < 100; i++) {
            Timed<Lookup<Long>> lookup = timed(() -> store.get(unread(1)));
            assertThat(lookup.result()).isInstanceOf(Bypass.class);
            slowest = lookup.took().compareTo(slowest) > 0 ? lookup.took() : slowest;
            store.put(new Miss<>(unread(1), 0), 2L);
        }
        assertThat(store.isAvailable()).isFalse();
        assertThat(slowest).isLessThan(Duration.ofMillis(20));
        assertThat(server.commandCalls()).doesNotContainKeys("evalsha", "eval", "script|load");

        // Redis lost its data in the crash: a miss, then hits again
        assertThat(firstAnswerFromCache(unread(1), Duration.ofSeconds(5))).isInstanceOf(Miss.class);
        cache(unread(1), 4L);
        assertThat(store.serverStats().circuit()).isEqualTo("closed");
        assertThat(log.messages(Level.WARN, "cache unavailable, serving without it: ")).hasSize(1);
        assertThat(log.messages(Level.INFO, "cache available again")).hasSize(1);
    }

    @Test
    @DisplayName("when Redis freezes, calls return within the socket timeout, and invalidations made meanwhile are "
            + "delivered before the cache serves again")
    void redis_paused_and_resumed() {
        server.start();
        store = quickStore(100);
        UserId writer = UserId.of(10);
        UserId bystander = UserId.of(11);
        CacheKey<Long> written = unread(writer.value());
        CacheKey<Long> untouched = unread(bystander.value());
        cache(written, 1L);
        cache(untouched, 5L);

        server.pause();
        Timed<Boolean> ping = timed(store::isAvailable);
        assertThat(ping.result()).isFalse();
        assertThat(ping.took()).isLessThan(SOCKET_TIMEOUT.plus(SLACK));
        Timed<CacheServerStats> stats = timed(store::serverStats);
        assertThat(stats.result().available()).isFalse();
        assertThat(stats.took()).isLessThan(SOCKET_TIMEOUT.plus(SLACK));
        Timed<Lookup<Long>> lookup = timed(() -> store.get(unread(99)));
        assertThat(lookup.result()).isInstanceOf(Bypass.class);
        assertThat(lookup.took()).isLessThan(SOCKET_TIMEOUT.plus(SLACK));
        assertThat(store.circuit()).as("three failures").isNotEqualTo(CircuitBreaker.State.CLOSED);
        // a write commits while the cache is unreachable: its invalidation is kept, not lost
        Timed<Boolean> invalidation = timed(() -> {
            store.invalidate(Set.of(CacheScope.inbox(writer)));
            return true;
        });
        assertThat(invalidation.took()).isLessThan(SOCKET_TIMEOUT.plus(SLACK));
        assertThat(timed(() -> store.get(written)).result()).isInstanceOf(Bypass.class);
        server.resume();

        // read-your-writes across the outage: the entry cached before it is stale, and is not served
        assertThat(firstAnswerFromCache(written, Duration.ofSeconds(5))).isInstanceOf(Miss.class);
        assertThat(store.get(untouched)).isEqualTo(new Hit<>(5L));
    }

    @Test
    @DisplayName("an invalidation that Redis refuses opens the circuit at once, and is delivered when Redis takes writes again")
    void refused_invalidation_is_kept() {
        server.start();
        store = quickStore(100);
        UserId writer = UserId.of(40);
        cache(unread(writer.value()), 1L);
        try (UnifiedJedis redis = server.client()) {
            // Redis full, evicting nothing: it refuses every write, INCR included
            redis.configSet("maxmemory-policy", "noeviction");
            redis.configSet("maxmemory", "1");

            store.invalidate(Set.of(CacheScope.inbox(writer)));

            assertThat(store.circuit()).isEqualTo(CircuitBreaker.State.OPEN);
            assertThat(store.serverStats().failures()).isEqualTo(1);
            assertThat(store.get(unread(writer.value()))).isInstanceOf(Bypass.class);
            redis.configSet("maxmemory", "0");
        }

        assertThat(firstAnswerFromCache(unread(writer.value()), Duration.ofSeconds(5))).isInstanceOf(Miss.class);
        assertThat(log.messages(Level.WARN, "cache unavailable, serving without it: OOM")).hasSize(1);
    }

    @Test
    @DisplayName("logs in with user and password; with a wrong password it serves without the cache and says why")
    void authentication() {
        server.start(List.of("--requirepass", "s3cret"));
        RedisSettings base = TestRedis.of(server, prefix);
        RedisSettings good = RedisSettings.fromUrl("redis://default:s3cret@127.0.0.1:" + server.port() + "/1")
                .withKeyPrefix(prefix);
        RedisSettings bad = new RedisSettings(base.host(), base.port(), 0, Optional.empty(), Optional.of("wrong"), false,
                base.connectTimeout(), base.socketTimeout(), 2, prefix);

        store = RedisCacheStore.connect(good, CacheTtls.defaults());
        cache(unread(60), 1L);
        try (RedisCacheStore refused = RedisCacheStore.connect(bad, CacheTtls.defaults())) {
            assertThat(refused.get(unread(60))).isInstanceOf(Bypass.class);
            assertThat(refused.isAvailable()).isFalse();
        }

        assertThat(log.messages(Level.WARN, "cache unavailable, serving without it: "))
                .singleElement().asString().contains("WRONGPASS").doesNotContain("wrong");
        try (UnifiedJedis redis = RedisClient.builder().hostAndPort("127.0.0.1", server.port())
                .clientConfig(DefaultJedisClientConfig.builder().resp2().password("s3cret").database(1).build()).build()) {
            assertThat(redis.exists(prefix + "epoch")).as("database 1 holds the keys").isTrue();
        }
    }

    @Test
    @DisplayName("closing while invalidations are pending says how many are dropped")
    void close_with_pending_invalidations() {
        store = quickStore(100);
        store.invalidate(Set.of(CacheScope.inbox(UserId.of(50)), CacheScope.account(UserId.of(50))));

        store.close();

        assertThat(log.messages(Level.WARN, "closing the cache with 2 invalidations undelivered")).hasSize(1);
    }

    @Test
    @DisplayName("when more invalidations are pending than it keeps, moves the epoch on: every entry becomes unreachable")
    void pending_overflow_moves_the_epoch_on() {
        server.start();
        store = quickStore(3);
        CacheKey<Long> scoped = unread(20);
        CacheKey<UserId> unscoped = CacheKey.username(Username.of("kept_" + 21));
        cache(scoped, 1L);
        cache(unscoped, UserId.of(21));
        long epochBefore;
        try (UnifiedJedis redis = server.client()) {
            epochBefore = Long.parseLong(redis.get(prefix + "epoch"));
        }

        server.pause();
        for (int i = 0; i < 3; i++) {
            assertThat(store.get(unread(99))).isInstanceOf(Bypass.class);
        }
        for (long user = 30; user < 34; user++) {
            store.invalidate(Set.of(CacheScope.inbox(UserId.of(user))));
        }
        server.resume();

        assertThat(firstAnswerFromCache(scoped, Duration.ofSeconds(5))).isInstanceOf(Miss.class);
        assertThat(store.get(unscoped)).isInstanceOf(Miss.class);
        try (UnifiedJedis redis = server.client()) {
            assertThat(Long.parseLong(redis.get(prefix + "epoch"))).isEqualTo(epochBefore + 1);
        }
        assertThat(log.messages(Level.WARN, "more than 3 invalidations pending")).hasSize(1);
        cache(scoped, 2L);
    }
}
