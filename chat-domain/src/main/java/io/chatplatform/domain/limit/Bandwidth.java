package io.chatplatform.domain.limit;

import java.time.Duration;
import java.util.Objects;

/**
 * One token bucket: at most {@code capacity} actions at once, refilled evenly so that
 * {@code capacity} more are allowed over each {@code period}. Two bandwidths on one limit make a
 * burst allowance and a sustained rate (for example 20 per 10 seconds and 300 per hour).
 *
 * @param capacity how many actions the bucket holds, at least 1
 * @param period   how long a full refill takes, at least one millisecond
 */
public record Bandwidth(long capacity, Duration period) {

    public Bandwidth {
        Objects.requireNonNull(period, "period");
        if (capacity < 1) {
            throw new IllegalArgumentException("a bandwidth's capacity must be at least 1, was " + capacity);
        }
        if (period.toMillis() < 1) {
            throw new IllegalArgumentException("a bandwidth's period must be at least 1 ms, was " + period);
        }
    }

    /** {@code capacity} per {@code period}. */
    public static Bandwidth of(long capacity, Duration period) {
        return new Bandwidth(capacity, period);
    }

    /** As configuration writes it: {@code 10/5m}. */
    @Override
    public String toString() {
        return capacity + "/" + Durations.format(period);
    }
}
