package io.chatplatform.adapter.redis;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
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
 * <p>A refusal is remembered in this instance until its {@code retryAfter} has passed: until then
 * the bucket has no token (only a {@link #release} of an earlier acquisition could add one), so
 * the same subject is refused again without asking Redis. A flood of refused requests then costs
 * no round trip at all.
 *
 * <p><b>When Redis fails</b>, nothing throws: a circuit breaker ({@link GuardedRedis}) stops using Redis after
 * repeated failures, and meanwhile every acquisition goes to the {@code fallback} limiter of this
 * instance (the limits keep holding, per instance). Buckets are timed by this instance's clock,
 * so instances' clocks should agree to within a fraction of the shortest period.
 */
public final class RedisRateLimiter implements RateLimiter, AutoCloseable {

    static final GuardedRedis.Subject SUBJECT =
            new GuardedRedis.Subject(RedisRateLimiter.class, "rate limiter", "limits are counted per instance");

    /** The pool of a limiter used alone: fewer than the cache's, two short round trips per limited request. */
    static final int MAX_CONNECTIONS = 16;
    /** Refusals remembered in this instance at most: enough for every subject of a flood, bounded all the same. */
    static final long REMEMBERED_REFUSALS = 100_000;

    private final RedisKeys keys;
    private final GuardedRedis redis;
    private final ProxyManager<byte[]> buckets;
    private final RateLimiter fallback;
    private final Map<RateLimit, BucketConfiguration> configurations = new ConcurrentHashMap<>();
    private final Cache<Key, Instant> refusedUntil;
    private final Clock clock;

    private record Key(RateLimit limit, String subject) {
    }

    /**
     * A limiter on the server {@code settings} name, with a small pool of its own. Does not fail
     * when Redis is unreachable: it counts with {@code fallback} until Redis answers.
     *
     * @param fallback counts while Redis is away (an in-process limiter)
     */
    public static RedisRateLimiter connect(RedisSettings settings, RateLimiter fallback) {
        return new RedisRateLimiter(settings, fallback, Clock.systemUTC(), BreakerPolicy.DEFAULT);
    }

    /** As {@link #connect(RedisSettings, RateLimiter)}, on the instance's shared {@code connections}, which closing the limiter leaves open. */
    public static RedisRateLimiter connect(RedisConnections connections, RateLimiter fallback) {
        return new RedisRateLimiter(connections, false, fallback, Clock.systemUTC(), BreakerPolicy.DEFAULT);
    }

    RedisRateLimiter(RedisSettings settings, RateLimiter fallback, Clock clock, BreakerPolicy policy) {
        this(RedisConnections.open(settings.withMaxConnections(Math.min(MAX_CONNECTIONS, settings.maxConnections()))), true,
                fallback, clock, policy);
    }

    private RedisRateLimiter(RedisConnections connections, boolean ownsConnections, RateLimiter fallback, Clock clock,
                             BreakerPolicy policy) {
        this.fallback = Objects.requireNonNull(fallback, "fallback");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refusedUntil = Caffeine.newBuilder()
                .maximumSize(REMEMBERED_REFUSALS)
                .expireAfter(Expiry.creating((Key key, Instant until) -> Duration.between(clock.instant(), until)))
                .build();
        this.keys = new RedisKeys(connections.settings().keyPrefix());
        this.redis = new GuardedRedis(connections, ownsConnections, SUBJECT, policy, GuardedRedis.Probe.loading(List.of()));
        redis.start();
        this.buckets = Bucket4jJedis.casBasedBuilder(redis.client())
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(5)))
                .clientClock(timeMeter(clock))
                .build();
    }

    @Override
    public Admission acquire(RateLimit limit, String subject) {
        Key key = new Key(limit, subject);
        Instant until = refusedUntil.getIfPresent(key);
        if (until != null) {
            Duration left = Duration.between(clock.instant(), until);
            if (!left.isNegative() && !left.isZero()) {
                return new Admission.Refused(left);
            }
        }
        Optional<ConsumptionProbe> probe = redis.call(client -> bucket(limit, subject).tryConsumeAndReturnRemaining(1));
        if (probe.isEmpty()) {
            return fallback.acquire(limit, subject);
        }
        if (probe.get().isConsumed()) {
            return Admission.ADMITTED;
        }
        Duration wait = Duration.ofNanos(probe.get().getNanosToWaitForRefill());
        refusedUntil.put(key, clock.instant().plus(wait));
        return new Admission.Refused(wait);
    }

    @Override
    public void release(RateLimit limit, String subject) {
        refusedUntil.invalidate(new Key(limit, subject));
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
