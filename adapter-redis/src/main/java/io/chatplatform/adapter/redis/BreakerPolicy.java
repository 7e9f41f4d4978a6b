package io.chatplatform.adapter.redis;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** When a {@link GuardedRedis} opens its circuit and how long it stays open (decision 0019). */
record BreakerPolicy(int failureThreshold, Duration initialBackoff, Duration maxBackoff) {

    static final BreakerPolicy DEFAULT = new BreakerPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30));

    BreakerPolicy {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold cannot be less than 1, was " + failureThreshold);
        }
        if (initialBackoff.toMillis() < 1 || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("back-offs must be at least 1 ms with max >= initial, were "
                    + initialBackoff + " and " + maxBackoff);
        }
    }

    /** How long the circuit stays open after its {@code opening}-th opening since it last closed (1 for the first). */
    Duration backoff(int opening) {
        Duration backoff = initialBackoff;
        for (int i = 1; i < opening && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }

    /**
     * resilience4j's breaker with this policy: a count-based window of {@code failureThreshold}
     * calls that opens when all of them failed (that is, after that many consecutive failures),
     * one call permitted half-open, no automatic move to half-open (the next caller, or the
     * owner's timer, finds the back-off over). Slowness is no failure: the socket timeout
     * already turns a call that is too slow into one.
     */
    CircuitBreaker breaker(String name, Clock clock) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindow(failureThreshold, failureThreshold, CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .failureRateThreshold(100)
                .slowCallRateThreshold(100)
                .slowCallDurationThreshold(Duration.ofDays(1))
                .permittedNumberOfCallsInHalfOpenState(1)
                .waitIntervalFunctionInOpenState(opening -> backoff(opening).toMillis())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build();
        return CircuitBreaker.of(name, config);
    }
}
