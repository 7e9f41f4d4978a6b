package io.chatplatform.bootstrap.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.chatplatform.application.port.out.RateLimiter;
import io.chatplatform.domain.limit.Admission;
import io.chatplatform.domain.limit.Bandwidth;
import io.chatplatform.domain.limit.RateLimit;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Token buckets in this instance's heap (bucket4j's lock-free local buckets): the limiter of the
 * embedded default, where there is no other instance to share counts with, and the fallback of
 * the Redis limiter while Redis is down.
 *
 * <p>A bucket is dropped once it has been idle as long as its slowest refill takes: by then it is
 * full again, so dropping it changes nothing. At most {@code maxBuckets} are kept; beyond that the
 * least recently used go first, which under a flood of distinct subjects (spoofed usernames) may
 * forget a partly used bucket: the address limit still holds for such floods.
 */
public final class InProcessRateLimiter implements RateLimiter {

    /** Bounds the heap the buckets may take: about 200 bytes each. */
    public static final long DEFAULT_MAX_BUCKETS = 200_000;

    private final Cache<Key, Bucket> buckets;
    private final TimeMeter time;

    private record Key(RateLimit limit, String subject) {
    }

    /** Buckets on the system clock. */
    public InProcessRateLimiter(long maxBuckets) {
        this(maxBuckets, Clock.systemUTC());
    }

    /** Buckets on {@code clock} (tests move it by hand). */
    public InProcessRateLimiter(long maxBuckets, Clock clock) {
        if (maxBuckets < 1) {
            throw new IllegalArgumentException("maxBuckets cannot be less than 1, was " + maxBuckets);
        }
        this.time = timeMeter(clock);
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxBuckets)
                .expireAfter(Expiry.accessing((Key key, Bucket bucket) -> slowestRefill(key.limit())))
                .build();
    }

    @Override
    public Admission acquire(RateLimit limit, String subject) {
        ConsumptionProbe probe = bucket(limit, subject).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Admission.ADMITTED : new Admission.Refused(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    @Override
    public void release(RateLimit limit, String subject) {
        bucket(limit, subject).addTokens(1);
    }

    private Bucket bucket(RateLimit limit, String subject) {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(subject, "subject");
        return buckets.get(new Key(limit, subject), key -> {
            LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(time);
            for (Bandwidth bandwidth : limit.bandwidths()) {
                builder.addLimit(spec -> spec.capacity(bandwidth.capacity())
                        .refillGreedy(bandwidth.capacity(), bandwidth.period()));
            }
            return builder.build();
        });
    }

    /** How long the slowest bandwidth of {@code limit} takes to fill up from empty. */
    static Duration slowestRefill(RateLimit limit) {
        return limit.bandwidths().stream().map(Bandwidth::period).max(Duration::compareTo).orElseThrow();
    }

    /** bucket4j's clock, read from {@code clock}: nanoseconds since the epoch. */
    public static TimeMeter timeMeter(Clock clock) {
        Objects.requireNonNull(clock, "clock");
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
