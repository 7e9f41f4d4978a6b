package io.chatplatform.domain.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A token bucket that bounds how many typing indications one connection may send: {@code burst}
 * at once, refilled at one per {@code interval}. Not thread-safe: one per connection.
 */
public final class TypingThrottle {

    private final int burst;
    private final Duration interval;
    private double tokens;
    private Instant last;

    public TypingThrottle(int burst, Duration interval, Instant now) {
        if (burst < 1) {
            throw new IllegalArgumentException("burst cannot be less than 1, was " + burst);
        }
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        this.burst = burst;
        this.interval = interval;
        this.tokens = burst;
        this.last = Objects.requireNonNull(now, "now");
    }

    /** Whether one more indication may go out at {@code now}; takes a token if so. */
    public boolean tryAcquire(Instant now) {
        if (now.isAfter(last)) {
            double refill = (double) Duration.between(last, now).toNanos() / interval.toNanos();
            tokens = Math.min(burst, tokens + refill);
            last = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
