package io.chatplatform.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.domain.user.UserId;
import io.chatplatform.testkit.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** Which commands the live event bus and the presence registry send, counted by a redis-server of the test's own. */
@DisplayName("RedisLiveEventBus's and RedisPresenceRegistry's use of Redis")
class RealtimeCommandUsageTest {

    private static final Duration TTL = Duration.ofSeconds(60);

    private final RedisServer server = RedisServer.onFreePort().start();
    private final RedisPresenceRegistry registry = RedisPresenceRegistry.connect(TestRedis.of(server, "chat:"));
    private final RedisLiveEventBus bus = RedisLiveEventBus.connect(TestRedis.of(server, "chat:"));

    @AfterEach
    void stop() {
        bus.close();
        registry.close();
        server.close();
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String command) {
        return after.getOrDefault(command, 0L) - before.getOrDefault(command, 0L);
    }

    @Test
    @DisplayName("never walks or wipes the keyspace; one script per presence write, one command per read and per event")
    void constant_work_per_call() {
        RecordingListener listener = new RecordingListener();
        bus.subscribe(listener, listener);
        Instant now = Instant.now();
        Map<String, Long> before = server.commandCalls();
        int writes = 0;
        int reads = 0;
        for (long n = 1; n <= 30; n++) {
            UserId user = UserId.of(n);
            registry.connected(user, "c" + n, now, now.plus(TTL));
            registry.active(user, now.plus(TTL));
            registry.disconnected(user, "c" + n, now.plusSeconds(1));
            registry.onlineAmong(List.of(user, UserId.of(n + 100)), now);
            registry.online(now, 5);
            writes += 3;
            reads += 2;
        }
        assertThat(registry.expire(now.plus(TTL))).hasSize(30);
        writes += 1;
        SampleEvents.all().forEach(bus::publish);
        listener.awaitEvents(SampleEvents.all().size());

        Map<String, Long> after = server.commandCalls();
        assertThat(after).doesNotContainKeys("keys", "scan", "hscan", "zscan", "flushdb", "flushall", "eval");
        assertThat(delta(before, after, "evalsha")).isEqualTo(writes);
        assertThat(delta(before, after, "zmscore") + delta(before, after, "zrevrangebyscore")).isEqualTo(reads);
        assertThat(delta(before, after, "publish")).isEqualTo(SampleEvents.all().size());
        assertThat(after.get("subscribe")).as("one subscription, never renewed").isEqualTo(1);
        assertThat(registry.failures()).isZero();
        assertThat(bus.counters().dropped()).isZero();
    }

    @Test
    @DisplayName("gives a server that forgot the presence scripts their text once, then runs them by SHA-1 again")
    void scripts_reloaded_after_script_flush() {
        Instant now = Instant.now();
        try (UnifiedJedis redis = server.client()) {
            redis.scriptFlush();
        }
        Map<String, Long> before = server.commandCalls();

        UserId alice = UserId.of(999);
        assertThat(registry.connected(alice, "phone", now, now.plus(TTL))).isTrue();
        assertThat(registry.connected(alice, "laptop", now, now.plus(TTL))).isFalse();

        Map<String, Long> after = server.commandCalls();
        assertThat(delta(before, after, "eval")).as("once by text").isEqualTo(1);
        assertThat(delta(before, after, "evalsha")).as("each try by SHA-1").isEqualTo(2);
        assertThat(registry.failures()).isZero();
    }
}
