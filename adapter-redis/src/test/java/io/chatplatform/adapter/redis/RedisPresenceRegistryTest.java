package io.chatplatform.adapter.redis;

import static io.chatplatform.testkit.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.testkit.RedisServer;
import io.chatplatform.testkit.SharedRedis;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

@DisplayName("RedisPresenceRegistry")
class RedisPresenceRegistryTest {

    private static final Duration TTL = Duration.ofSeconds(60);
    /** What a call may take beyond the socket timeout: scheduling, a connection's set-up. */
    private static final Duration SLACK = Duration.ofMillis(400);
    private static final Duration BOUND = RedisSettings.DEFAULT_SOCKET_TIMEOUT.plus(SLACK);

    private static UserId someUser() {
        return UserId.of(ThreadLocalRandom.current().nextLong(1, 1L << 40));
    }

    private static Duration timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static <T> T within(Duration bound, Supplier<T> call) {
        long start = System.nanoTime();
        T result = call.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(bound);
        return result;
    }

    @Nested
    @DisplayName("on the machine's Redis")
    class Layout {

        private final String prefix = SharedRedis.freshPrefix();
        private final RedisKeys keys = new RedisKeys(prefix);
        private final RedisPresenceRegistry registry = RedisPresenceRegistry.connect(TestRedis.shared(prefix));
        private final UnifiedJedis redis = SharedRedis.client();
        private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        @AfterEach
        void close() {
            registry.close();
            redis.del(keys.online());
            redis.close();
        }

        @Test
        @DisplayName("keeps a hash of claim to expiry per user and a set of users scored by their latest expiry")
        void key_layout() {
            UserId alice = someUser();
            registry.connected(alice, "i1:1", now, now.plus(TTL));
            registry.connected(alice, "i2:7", now, now.plus(TTL).plusSeconds(5));
            registry.active(alice, now.plusSeconds(30));

            assertThat(redis.hgetAll(prefix + "presence:{" + alice.value() + "}")).isEqualTo(Map.of(
                    "i1:1", Long.toString(now.plus(TTL).toEpochMilli()),
                    "i2:7", Long.toString(now.plus(TTL).plusSeconds(5).toEpochMilli()),
                    "activity", Long.toString(now.plusSeconds(30).toEpochMilli())));
            assertThat(redis.zscore(prefix + "presence:online", Long.toString(alice.value())))
                    .isEqualTo((double) now.plus(TTL).plusSeconds(5).toEpochMilli());
        }

        @Test
        @DisplayName("lets every key expire a minute after the latest claim it holds, so nothing lingers")
        void keys_expire() {
            UserId alice = someUser();
            UserId bob = someUser();
            registry.connected(alice, "i1:1", now, now.plus(TTL));
            registry.active(bob, now.plus(Duration.ofMinutes(5)));
            Duration grace = RedisPresenceRegistry.KEY_GRACE;

            assertThat(redis.pttl(keys.presence(alice))).isBetween(TTL.plus(grace).minusSeconds(5).toMillis(),
                    TTL.plus(grace).toMillis());
            assertThat(redis.pttl(keys.presence(bob))).isBetween(Duration.ofMinutes(6).minusSeconds(5).toMillis(),
                    Duration.ofMinutes(6).toMillis());
            assertThat(redis.pttl(keys.online())).as("the set outlives its latest member")
                    .isBetween(Duration.ofMinutes(6).minusSeconds(5).toMillis(), Duration.ofMinutes(6).toMillis());

            // a later, shorter claim does not shorten the set's life
            registry.connected(alice, "i1:1", now.plusSeconds(20), now.plusSeconds(80));
            assertThat(redis.pttl(keys.online())).isGreaterThan(Duration.ofMinutes(5).toMillis());
            // the last connection's disconnect leaves the activity claim alone
            registry.connected(bob, "i1:2", now, now.plus(TTL));
            assertThat(registry.disconnected(bob, "i1:2", now.plusSeconds(1))).isFalse();
            assertThat(redis.hkeys(keys.presence(bob))).containsExactly("activity");
            assertThat(redis.pttl(keys.presence(bob))).isGreaterThan(Duration.ofMinutes(5).toMillis());
        }

        @Test
        @DisplayName("a user's last disconnect and the sweep remove both their hash and their place in the set")
        void forgetting_removes_both_keys() {
            UserId alice = someUser();
            UserId bob = someUser();
            registry.connected(alice, "i1:1", now, now.plus(TTL));
            registry.connected(bob, "i1:2", now, now.plus(TTL));

            assertThat(registry.disconnected(alice, "i1:1", now.plusSeconds(1))).isTrue();
            assertThat(registry.expire(now.plus(TTL))).containsExactly(bob);

            assertThat(redis.exists(keys.presence(alice))).isFalse();
            assertThat(redis.exists(keys.presence(bob))).isFalse();
            assertThat(redis.zcard(keys.online())).isZero();
        }

        @Test
        @DisplayName("drops a device's expired claim the next time the user's claims change")
        void expired_claims_are_dropped() {
            UserId alice = someUser();
            registry.connected(alice, "crashed", now, now.plus(TTL));
            registry.connected(alice, "phone", now.plusSeconds(50), now.plusSeconds(110));

            registry.connected(alice, "phone", now.plusSeconds(70), now.plusSeconds(130));

            assertThat(redis.hkeys(keys.presence(alice))).containsExactly("phone");
        }

        @Test
        @DisplayName("skips members of the set that are no user id, and refuses a negative limit")
        void foreign_members_and_bad_limits() {
            UserId alice = someUser();
            registry.connected(alice, "phone", now, now.plus(TTL));
            redis.zadd(keys.online(), now.plus(TTL).plusSeconds(1).toEpochMilli(), "not-a-user");
            redis.zadd(keys.online(), now.minusSeconds(1).toEpochMilli(), "0");

            assertThat(registry.online(now, 10)).containsExactly(alice);
            assertThat(registry.expire(now)).isEmpty();
            assertThatThrownBy(() -> registry.online(now, -1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("limit cannot be negative, was -1");
            assertThat(registry.toString()).contains("prefix " + prefix).contains("circuit closed");
        }
    }

    @Nested
    @DisplayName("when Redis fails")
    class Failures {

        private final RedisServer server = RedisServer.onFreePort();
        private final CapturedLog log = new CapturedLog(RedisPresenceRegistry.class);
        private RedisPresenceRegistry registry;

        @AfterEach
        void stop() {
            if (registry != null) {
                registry.close();
            }
            server.close();
            log.close();
        }

        private void assertDegraded(UserId user, Instant now) {
            assertThat(within(BOUND, () -> registry.connected(user, "phone", now, now.plus(TTL)))).isFalse();
            assertThat(within(BOUND, () -> registry.disconnected(user, "phone", now))).isFalse();
            assertThat(within(BOUND, () -> registry.onlineAmong(List.of(user), now))).isEmpty();
            assertThat(within(BOUND, () -> registry.online(now, 10))).isEmpty();
            assertThat(within(BOUND, () -> registry.expire(now.plus(Duration.ofHours(1))))).isEmpty();
            assertThat(timed(() -> registry.active(user, now.plus(TTL)))).isLessThan(BOUND);
        }

        @Test
        @DisplayName("starts without Redis, shows nobody online without throwing, and uses Redis once it appears")
        void redis_down_at_start_up() {
            registry = within(Duration.ofSeconds(1), () -> RedisPresenceRegistry.connect(TestRedis.of(server, "chat:")));
            UserId alice = someUser();
            Instant now = Instant.now();

            assertDegraded(alice, now);
            assertThat(registry.failures()).isPositive();
            assertThat(log.messages(Level.WARN, "presence unavailable, nobody shows as online: ")).hasSize(1);

            server.start();

            // the default back-off: the first call a second after start-up probes
            eventually("presence works again").until(() -> registry.connected(alice, "phone", now, now.plus(TTL)));
            assertThat(registry.onlineAmong(List.of(alice), now)).containsExactly(alice);
            assertThat(log.messages(Level.INFO, "presence available again after ")).hasSize(1);
        }

        @Test
        @DisplayName("when Redis dies, degrades within the timeouts, stops trying for a while, and recovers by itself")
        void redis_killed_and_restarted() {
            server.start();
            registry = new RedisPresenceRegistry(TestRedis.of(server, "chat:"),
                    new BreakerPolicy(3, Duration.ofMillis(300), Duration.ofSeconds(1)));
            UserId alice = someUser();
            Instant now = Instant.now();
            assertThat(registry.connected(alice, "phone", now, now.plus(TTL))).isTrue();

            server.kill();
            assertDegraded(alice, now);
            assertThat(registry.circuit()).isEqualTo(CircuitBreaker.State.OPEN);
            long failures = registry.failures();
            assertThat(timed(() -> registry.onlineAmong(List.of(alice), now))).as("an open circuit does not wait")
                    .isLessThan(Duration.ofMillis(20));
            assertThat(registry.failures()).isEqualTo(failures);

            server.start();

            // Redis lost its data: the next heartbeat brings the user back, as news
            eventually("presence works again").until(() -> registry.connected(alice, "phone", now.plusSeconds(20), now.plusSeconds(80)));
            assertThat(registry.online(now.plusSeconds(20), 10)).containsExactly(alice);
            assertThat(log.messages(Level.WARN, "presence unavailable, nobody shows as online: ")).hasSize(1);
            assertThat(log.messages(Level.INFO, "presence available again after ")).hasSize(1);
        }

        @Test
        @DisplayName("when Redis freezes, every call returns within the socket timeout")
        void redis_paused() {
            server.start();
            registry = RedisPresenceRegistry.connect(TestRedis.of(server, "chat:"));
            UserId alice = someUser();
            Instant now = Instant.now();
            registry.connected(alice, "phone", now, now.plus(TTL));

            server.pause();
            try {
                assertDegraded(alice, now);
            } finally {
                server.resume();
            }
        }
    }
}
