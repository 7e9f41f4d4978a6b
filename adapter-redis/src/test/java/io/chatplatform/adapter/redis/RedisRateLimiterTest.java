package io.chatplatform.adapter.redis;

import static io.chatplatform.testkit.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.inmemory.InMemoryRateLimiter;
import io.chatplatform.contracts.ManualClock;
import io.chatplatform.domain.limit.Admission;
import io.chatplatform.domain.limit.Bandwidth;
import io.chatplatform.domain.limit.LimitedAction;
import io.chatplatform.domain.limit.RateLimit;
import io.chatplatform.testkit.RedisServer;
import io.chatplatform.testkit.SharedRedis;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** What the Redis limiter does beyond the contract: shared counts, keys that expire, and Redis failing under it. */
@DisplayName("RedisRateLimiter on Redis")
class RedisRateLimiterTest {

    private static final BreakerPolicy QUICK = new BreakerPolicy(3, Duration.ofMillis(300), Duration.ofSeconds(1));
    private static final RateLimit FIVE_A_MINUTE = new RateLimit(LimitedAction.SENDS_PER_USER,
            List.of(Bandwidth.of(5, Duration.ofMinutes(1))));

    private final ManualClock clock = ManualClock.at("2026-12-05T12:00:00Z");
    private final String subject = "user-" + UUID.randomUUID();

    private static int admitted(RedisRateLimiter limiter, RateLimit limit, String subject, int attempts) {
        int admitted = 0;
        for (int i = 0; i < attempts; i++) {
            admitted += limiter.acquire(limit, subject).admitted() ? 1 : 0;
        }
        return admitted;
    }

    /** Commands the server ran, apart from the test's own look at them (a connection's HELLO, then INFO). */
    private static long commandsBesidesInfo(RedisServer server) {
        return server.commandCalls().entrySet().stream().filter(e -> !e.getKey().equals("info") && !e.getKey().equals("hello"))
                .mapToLong(java.util.Map.Entry::getValue).sum();
    }

    @Test
    void two_instances_share_one_bucket_so_the_limit_holds_across_them() {
        String prefix = SharedRedis.freshPrefix();
        try (RedisRateLimiter first = new RedisRateLimiter(TestRedis.shared(prefix), new InMemoryRateLimiter(clock), clock, QUICK);
             RedisRateLimiter second = new RedisRateLimiter(TestRedis.shared(prefix), new InMemoryRateLimiter(clock), clock, QUICK)) {
            assertThat(admitted(first, FIVE_A_MINUTE, subject, 3)).isEqualTo(3);
            assertThat(admitted(second, FIVE_A_MINUTE, subject, 5)).isEqualTo(2);
            assertThat(first.acquire(FIVE_A_MINUTE, subject)).isInstanceOf(Admission.Refused.class);
        }
    }

    @Test
    void a_bucket_is_one_key_that_expires_once_it_would_be_full_again() {
        String prefix = SharedRedis.freshPrefix();
        try (RedisRateLimiter limiter = new RedisRateLimiter(TestRedis.shared(prefix), new InMemoryRateLimiter(clock),
                clock, QUICK); UnifiedJedis redis = SharedRedis.client()) {
            limiter.acquire(FIVE_A_MINUTE, subject);

            Set<String> keys = redis.keys(prefix + "*");
            assertThat(keys).hasSize(1);
            String key = keys.iterator().next();
            assertThat(key).startsWith(prefix + "rl:sends_per_user:").endsWith(":" + subject);
            // a fifth of a minute to refill one token, plus bucket4j's 5 s of slack
            assertThat(redis.pttl(key)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(20).toMillis());
        }
    }

    @Test
    void a_changed_configuration_counts_in_fresh_buckets() {
        String prefix = SharedRedis.freshPrefix();
        RateLimit tighter = new RateLimit(LimitedAction.SENDS_PER_USER, List.of(Bandwidth.of(2, Duration.ofMinutes(1))));
        try (RedisRateLimiter limiter = new RedisRateLimiter(TestRedis.shared(prefix), new InMemoryRateLimiter(clock), clock, QUICK)) {
            assertThat(admitted(limiter, FIVE_A_MINUTE, subject, 10)).isEqualTo(5);
            assertThat(admitted(limiter, tighter, subject, 10)).isEqualTo(2);
        }
    }

    @Test
    void a_refused_subject_is_refused_again_without_asking_redis_until_its_wait_is_over() {
        RedisServer server = RedisServer.onFreePort().start();
        RateLimit two = new RateLimit(LimitedAction.LOGIN_FAILURES_PER_USERNAME, List.of(Bandwidth.of(2, Duration.ofMinutes(1))));
        try (RedisRateLimiter limiter = new RedisRateLimiter(TestRedis.of(server, SharedRedis.freshPrefix()),
                new InMemoryRateLimiter(clock), clock, QUICK)) {
            assertThat(admitted(limiter, two, subject, 3)).isEqualTo(2);
            long calls = commandsBesidesInfo(server);

            for (int i = 0; i < 100; i++) {
                assertThat(limiter.acquire(two, subject)).isInstanceOf(Admission.Refused.class);
            }
            assertThat(commandsBesidesInfo(server)).as("%s", server.commandCalls()).isEqualTo(calls);

            clock.advance(Duration.ofSeconds(31));
            assertThat(limiter.acquire(two, subject)).as("a token is back after 30 s").isEqualTo(Admission.ADMITTED);
            assertThat(limiter.acquire(two, subject)).isInstanceOf(Admission.Refused.class);
            limiter.release(two, subject);
            assertThat(limiter.acquire(two, subject)).as("a release is seen at once").isEqualTo(Admission.ADMITTED);
        } finally {
            server.close();
        }
    }

    @Test
    void with_redis_down_the_limits_keep_holding_per_instance_and_nothing_throws() {
        RedisServer server = RedisServer.onFreePort().start();
        String prefix = SharedRedis.freshPrefix();
        InMemoryRateLimiter fallback = new InMemoryRateLimiter(clock);
        try (RedisRateLimiter limiter = new RedisRateLimiter(TestRedis.of(server, prefix), fallback, clock, QUICK)) {
            assertThat(admitted(limiter, FIVE_A_MINUTE, subject, 2)).isEqualTo(2);
            assertThat(limiter.failures()).isZero();

            server.kill();

            long started = System.nanoTime();
            assertThat(admitted(limiter, FIVE_A_MINUTE, subject, 10)).as("the fallback's own five").isEqualTo(5);
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("three failures open the circuit; the rest do not wait for Redis")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(limiter.failures()).isPositive();
            limiter.release(FIVE_A_MINUTE, subject);
            assertThat(fallback.acquire(FIVE_A_MINUTE, subject)).as("a release while Redis is down goes to the fallback")
                    .isEqualTo(Admission.ADMITTED);
        } finally {
            server.close();
        }
    }

    @Test
    void once_redis_is_back_the_shared_buckets_are_used_again() {
        RedisServer server = RedisServer.onFreePort().start();
        String prefix = SharedRedis.freshPrefix();
        try (RedisRateLimiter limiter = new RedisRateLimiter(TestRedis.of(server, prefix), new InMemoryRateLimiter(clock), clock, QUICK)) {
            server.pause();
            admitted(limiter, FIVE_A_MINUTE, subject, 4);
            server.resume();
            try (UnifiedJedis redis = server.client()) {
                // the in-memory fallback admits as many: only a bucket appearing in Redis tells the two apart
                eventually("a bucket kept in Redis again, once the breaker's wait is over")
                        .atMost(QUICK.maxBackoff().plusSeconds(5)).pollInterval(Duration.ofMillis(50))
                        .until(() -> admitted(limiter, FIVE_A_MINUTE, subject + "-probe", 1) == 1
                                && !redis.keys(prefix + "rl:*").isEmpty());

                long failures = limiter.failures();
                assertThat(admitted(limiter, FIVE_A_MINUTE, subject + "-after", 6)).isEqualTo(5);
                assertThat(limiter.failures()).isEqualTo(failures);
                assertThat(redis.keys(prefix + "rl:*-after*")).isNotEmpty();
            }
        } finally {
            server.close();
        }
    }
}
