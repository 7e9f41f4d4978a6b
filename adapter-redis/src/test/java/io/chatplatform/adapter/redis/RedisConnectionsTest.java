package io.chatplatform.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.inmemory.InMemoryRateLimiter;
import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.application.port.out.CacheStore.Miss;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.domain.cache.CacheTtls;
import io.chatplatform.domain.limit.Admission;
import io.chatplatform.domain.limit.Bandwidth;
import io.chatplatform.domain.limit.LimitedAction;
import io.chatplatform.domain.limit.RateLimit;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.testkit.RedisServer;
import io.chatplatform.testkit.SharedRedis;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** One pool of connections for every part of an instance (decision 0019), on a redis-server of its own. */
@DisplayName("RedisConnections")
class RedisConnectionsTest {

    private static final RateLimit TEN_A_MINUTE = new RateLimit(LimitedAction.SENDS_PER_USER,
            List.of(Bandwidth.of(10, Duration.ofMinutes(1))));

    private final RedisServer server = RedisServer.started();
    private final String prefix = SharedRedis.freshPrefix();

    @AfterEach
    void stop() {
        server.close();
    }

    private long connectedClients(UnifiedJedis redis) {
        String info = redis.info("clients");
        return info.lines().filter(line -> line.startsWith("connected_clients:"))
                .mapToLong(line -> Long.parseLong(line.substring(line.indexOf(':') + 1).strip())).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("the cache, presence, the live event bus and the rate limiter share one pool, and leave it open when they close")
    @SuppressWarnings("unchecked")
    void parts_share_one_pool() {
        Instant now = Instant.now();
        try (UnifiedJedis redis = server.client();
             RedisConnections connections = RedisConnections.open(TestRedis.of(server, prefix))) {
            long before = connectedClients(redis);
            RedisCacheStore cache = RedisCacheStore.connect(connections, CacheTtls.defaults(), ChatMetrics.NONE);
            RedisPresenceRegistry presence = RedisPresenceRegistry.connect(connections);
            RedisLiveEventBus bus = RedisLiveEventBus.connect(connections);
            RedisRateLimiter limiter = RedisRateLimiter.connect(connections, new InMemoryRateLimiter(Clock.systemUTC()));

            CacheKey<Long> unread = CacheKey.unreadCount(UserId.of(1));
            cache.put((Miss<Long>) cache.get(unread), 4L);
            assertThat(presence.connected(UserId.of(1), "c-1", now, now.plusSeconds(60))).isTrue();
            bus.publish(SampleEvents.all().get(0));
            assertThat(limiter.acquire(TEN_A_MINUTE, "alice")).isEqualTo(Admission.ADMITTED);

            // calls made one after another take one pooled connection; the bus's subscription has its own
            assertThat(connectedClients(redis) - before).isEqualTo(2);
            cache.close();
            presence.close();
            bus.close();
            limiter.close();
            assertThat(connections.client().ping()).as("still open").isEqualTo("PONG");
        }
    }
}
