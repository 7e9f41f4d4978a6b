package io.chatplatform.application.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.fixtures.MutableClock;
import io.chatplatform.domain.limit.Bandwidth;
import io.chatplatform.domain.limit.LimitedAction;
import io.chatplatform.domain.limit.RateLimit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the contract in chat-port-contracts does not say: memory stays bounded. */
@DisplayName("InMemoryRateLimiter")
class InMemoryRateLimiterTest {

    private static final RateLimit LIMIT = new RateLimit(LimitedAction.REGISTRATIONS_PER_ADDRESS,
            List.of(Bandwidth.of(2, Duration.ofMinutes(1))));

    @Test
    @DisplayName("forgets the subjects whose buckets filled up again, once it holds many")
    void forgets_full_buckets() {
        MutableClock clock = MutableClock.at("2026-12-06T12:00:00Z");
        var limiter = new InMemoryRateLimiter(clock);
        for (int i = 0; i < InMemoryRateLimiter.FORGET_ABOVE; i++) {
            limiter.acquire(LIMIT, "address-" + i);
        }
        assertThat(limiter.subjects()).isEqualTo(InMemoryRateLimiter.FORGET_ABOVE);

        limiter.acquire(LIMIT, "still-busy");
        clock.advance(Duration.ofMinutes(2));
        limiter.acquire(LIMIT, "newcomer");

        assertThat(limiter.subjects()).as("every idle subject forgotten, the newcomer kept").isEqualTo(1);
        assertThat(limiter.acquire(LIMIT, "newcomer").admitted()).isTrue();
        assertThat(limiter.acquire(LIMIT, "newcomer").admitted()).isFalse();
    }

    @Test
    @DisplayName("runs on the system clock unless given one")
    void system_clock() {
        var limiter = new InMemoryRateLimiter();
        assertThat(limiter.acquire(LIMIT, "someone").admitted()).isTrue();
    }
}
