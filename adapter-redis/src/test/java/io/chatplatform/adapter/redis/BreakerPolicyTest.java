package io.chatplatform.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The breaker the policy configures (resilience4j's), on a clock the test moves: today's behaviour, pinned. */
@DisplayName("BreakerPolicy")
class BreakerPolicyTest {

    private static final RuntimeException DOWN = new RuntimeException("connection refused");

    private final MovableClock clock = new MovableClock();
    private final CircuitBreaker breaker = BreakerPolicy.DEFAULT.breaker("test", clock);

    private void fail() {
        assertThat(breaker.tryAcquirePermission()).isTrue();
        breaker.onError(1, TimeUnit.MILLISECONDS, DOWN);
    }

    private void succeed() {
        assertThat(breaker.tryAcquirePermission()).isTrue();
        breaker.onSuccess(1, TimeUnit.MILLISECONDS);
    }

    private void open() {
        for (int i = 0; i < 3; i++) {
            fail();
        }
        assertThat(breaker.getState()).isEqualTo(State.OPEN);
    }

    @Test
    @DisplayName("by default opens after 3 failures for 1 s, doubling to at most 30 s")
    void default_policy() {
        assertThat(BreakerPolicy.DEFAULT).isEqualTo(new BreakerPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30)));
        assertThat(java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(BreakerPolicy.DEFAULT::backoff))
                .extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
        assertThat(BreakerPolicy.DEFAULT.backoff(10_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    @DisplayName("opens after three consecutive failures, not when a success comes between them")
    void opens_after_consecutive_failures() {
        fail();
        fail();
        succeed();
        fail();
        fail();
        assertThat(breaker.getState()).isEqualTo(State.CLOSED);

        fail();

        assertThat(breaker.getState()).isEqualTo(State.OPEN);
    }

    @Test
    @DisplayName("lets exactly one caller probe, and only once the back-off is over")
    void one_probe_after_the_back_off() {
        open();
        clock.advance(Duration.ofMillis(999));
        assertThat(breaker.tryAcquirePermission()).isFalse();

        clock.advance(Duration.ofMillis(2));

        assertThat(breaker.tryAcquirePermission()).isTrue();
        assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.tryAcquirePermission()).isFalse();
    }

    @Test
    @DisplayName("doubles the back-off after each failed probe, up to 30 s, and starts again at 1 s once closed")
    void back_off_doubles_to_a_cap() {
        open();
        for (long seconds : new long[] {1, 2, 4, 8, 16, 30, 30}) {
            clock.advance(Duration.ofSeconds(seconds).minusMillis(1));
            assertThat(breaker.tryAcquirePermission()).as("before %d s", seconds).isFalse();
            clock.advance(Duration.ofMillis(2));
            fail();
            assertThat(breaker.getState()).isEqualTo(State.OPEN);
        }
        clock.advance(Duration.ofSeconds(30).plusMillis(1));
        succeed();
        assertThat(breaker.getState()).isEqualTo(State.CLOSED);

        open();
        clock.advance(Duration.ofMillis(1001));
        assertThat(breaker.tryAcquirePermission()).as("1 s again").isTrue();
    }

    @Test
    @DisplayName("a manual opening (a failed start-up, a failed invalidation) opens for the initial back-off")
    void manual_opening() {
        breaker.transitionToOpenState();

        clock.advance(Duration.ofMillis(999));
        assertThat(breaker.tryAcquirePermission()).isFalse();
        clock.advance(Duration.ofMillis(2));
        assertThat(breaker.tryAcquirePermission()).isTrue();
    }

    @Test
    @DisplayName("a probe that succeeds closes the circuit")
    void probe_closes() {
        open();
        clock.advance(Duration.ofMillis(1001));

        succeed();

        assertThat(breaker.getState()).isEqualTo(State.CLOSED);
    }

    @Test
    @DisplayName("reports its state as CacheServerStats spells it")
    void labels() {
        assertThat(GuardedRedis.label(State.CLOSED)).isEqualTo("closed");
        assertThat(GuardedRedis.label(State.OPEN)).isEqualTo("open");
        assertThat(GuardedRedis.label(State.HALF_OPEN)).isEqualTo("half-open");
    }

    @Test
    @DisplayName("refuses a policy that could not work")
    void policy_validation() {
        assertThatThrownBy(() -> new BreakerPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessage("failureThreshold cannot be less than 1, was 0");
        assertThatThrownBy(() -> new BreakerPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("back-offs must be at least 1 ms with max >= initial, were PT2S and PT1S");
    }

    /** A clock that moves only when told. */
    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-12-01T12:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
