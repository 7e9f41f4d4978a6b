package io.chatplatform.adapter.redis;

import io.chatplatform.application.port.out.RateLimiter;
import io.chatplatform.domain.limit.Admission;
import io.chatplatform.domain.limit.Bandwidth;
import io.chatplatform.domain.limit.RateLimit;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate limits shared by every instance: bucket4j's token buckets kept in Redis, each update a
 * compare-and-swap (a GET and a Lua script), so a limit holds however many instances count it.
 * A bucket's key expires once the bucket would be full again; nothing walks the keyspace.
 *
 * <p><b>When Redis fails</b>, nothing throws: a {@link CircuitBreaker} stops using Redis after
 * repeated failures, and meanwhile every acquisition goes to the {@code fallback} limiter of this
 * instance (the limits keep holding, per instance). Buckets are timed by this instance's clock,
 * so instances' clocks should agree to within a fraction of the shortest period.
 */
public final class RedisRateLimiter implements RateLimiter, AutoCloseable {

    static final CircuitBreaker.Subject SUBJECT =
            new CircuitBreaker.Subject(RedisRateLimiter.class, "rate limiter", "limits are counted per instance");

    /** Fewer than the cache's: two short round trips per limited request. */
    static final int MAX_CONNECTIONS = 16;

    private final RedisKeys keys;
    private final GuardedRedis redis;
    private final ProxyManager<byte[]> buckets;
    private final RateLimiter fallback;
    private final Map<RateLimit, BucketConfiguration> configurations = new ConcurrentHashMap<>();

    /**
     * A limiter on the server {@code settings} name, with a small pool of its own. Does not fail
     * when Redis is unreachable: it counts with {@code fallback} until Redis answers.
     *
     * @param fallback counts while Redis is away (an in-process limiter)
     */
    public static RedisRateLimiter connect(RedisSettings settings, RateLimiter fallback) {
        return new RedisRateLimiter(settings, fallback, Clock.systemUTC(), CircuitBreaker.Policy.DEFAULT);
    }

    RedisRateLimiter(RedisSettings settings, RateLimiter fallback, Clock clock, CircuitBreaker.Policy policy) {
        Objects.requireNonNull(settings, "settings");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.keys = new RedisKeys(settings.keyPrefix());
        this.redis = new GuardedRedis(settings.withMaxConnections(Math.min(MAX_CONNECTIONS, settings.maxConnections())),
                SUBJECT, policy, List.of());
        this.buckets = Bucket4jJedis.casBasedBuilder(redis.client())
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(5)))
                .clientClock(timeMeter(clock))
                .build();
    }

    @Override
    public Admission acquire(RateLimit limit, String subject) {
        Optional<ConsumptionProbe> probe = redis.call(client -> bucket(limit, subject).tryConsumeAndReturnRemaining(1));
        if (probe.isEmpty()) {
            return fallback.acquire(limit, subject);
        }
        return probe.get().isConsumed()
                ? Admission.ADMITTED
                : new Admission.Refused(Duration.ofNanos(probe.get().getNanosToWaitForRefill()));
    }

    @Override
    public void release(RateLimit limit, String subject) {
        Optional<Boolean> released = redis.call(client -> {
            bucket(limit, subject).addTokens(1);
            return Boolean.TRUE;
        });
        if (released.isEmpty()) {
            fallback.release(limit, subject);
        }
    }

    /** Calls that reached for Redis and failed (each was counted by the fallback instead). */
    public long failures() {
        return redis.failures();
    }

    @Override
    public void close() {
        redis.close();
    }

    private BucketProxy bucket(RateLimit limit, String subject) {
        Objects.requireNonNull(subject, "subject");
        BucketConfiguration configuration = configurations.computeIfAbsent(limit, RedisRateLimiter::configuration);
        return buckets.builder().build(keys.rateLimit(limit, subject).getBytes(StandardCharsets.UTF_8), () -> configuration);
    }

    private static BucketConfiguration configuration(RateLimit limit) {
        ConfigurationBuilder builder = BucketConfiguration.builder();
        for (Bandwidth bandwidth : limit.bandwidths()) {
            builder.addLimit(spec -> spec.capacity(bandwidth.capacity()).refillGreedy(bandwidth.capacity(), bandwidth.period()));
        }
        return builder.build();
    }

    private static TimeMeter timeMeter(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }
}
