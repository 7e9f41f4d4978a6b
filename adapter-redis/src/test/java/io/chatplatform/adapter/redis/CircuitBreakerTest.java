package io.chatplatform.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.adapter.redis.CircuitBreaker.State;
import io.chatplatform.domain.cache.CacheScope;
import io.chatplatform.domain.user.UserId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The breaker's state machine, on a clock the test moves. */
@DisplayName("CircuitBreaker")
class CircuitBreakerTest {

    private static final RuntimeException DOWN = new RuntimeException("connection refused");
    private static final Set<CacheScope> SCOPE = Set.of(CacheScope.inbox(UserId.of(1)));

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Duration> openings = new ArrayList<>();
    private final CircuitBreaker breaker = new CircuitBreaker(CircuitBreaker.Policy.DEFAULT, 100, now::get, openings::add);

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    /** Start-up passed: the store's first probe found Redis and nothing pending. */
    private CircuitBreaker started() {
        assertThat(breaker.nextBatchOrClose()).isEmpty();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        return breaker;
    }

    @Test
    @DisplayName("by default opens after 3 failures for 1 s, doubling to at most 30 s")
    void default_policy() {
        assertThat(CircuitBreaker.Policy.DEFAULT).isEqualTo(new CircuitBreaker.Policy(3, Duration.ofSeconds(1), Duration.ofSeconds(30)));
    }

    @Test
    @DisplayName("opens after three consecutive failures, not when a success comes between them")
    void opens_after_consecutive_failures() {
        started();
        breaker.recordFailure(DOWN);
        breaker.recordFailure(DOWN);
        breaker.recordSuccess();
        breaker.recordFailure(DOWN);
        breaker.recordFailure(DOWN);
        assertThat(breaker.state()).isEqualTo(State.CLOSED);

        breaker.recordFailure(DOWN);

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(openings).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("lets exactly one caller probe, and only once the back-off is over")
    void one_probe_after_the_back_off() {
        started();
        breaker.deferAndOpen(SCOPE, DOWN);
        advance(Duration.ofMillis(999));
        assertThat(breaker.tryStartProbe()).isFalse();

        advance(Duration.ofMillis(1));

        assertThat(breaker.tryStartProbe()).isTrue();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.tryStartProbe()).isFalse();
    }

    @Test
    @DisplayName("doubles the back-off after each failed probe, up to 30 s")
    void back_off_doubles_to_a_cap() {
        started();
        breaker.deferAndOpen(SCOPE, DOWN);
        for (int probe = 0; probe < 7; probe++) {
            advance(openings.get(openings.size() - 1));
            assertThat(breaker.tryStartProbe()).isTrue();
            breaker.probeFailed(null, DOWN);
        }

        assertThat(openings).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
    }

    @Test
    @DisplayName("a failed start-up opens the circuit for the initial back-off")
    void failed_start_up() {
        breaker.probeFailed(null, DOWN);

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(openings).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("a failed invalidation opens the circuit at once and stays pending")
    void failed_invalidation_opens_at_once() {
        started();
        breaker.deferAndOpen(SCOPE, DOWN);

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.pendingCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("keeps invalidations while not closed, and closes only once the probe has taken every one of them")
    void closes_only_when_nothing_is_pending() {
        started();
        assertThat(breaker.deferUnlessClosed(SCOPE)).isFalse();
        breaker.deferAndOpen(SCOPE, DOWN);
        Set<CacheScope> other = Set.of(CacheScope.account(UserId.of(2)));
        assertThat(breaker.deferUnlessClosed(other)).isTrue();
        advance(Duration.ofSeconds(1));
        assertThat(breaker.tryStartProbe()).isTrue();

        Optional<PendingInvalidations.Batch> first = breaker.nextBatchOrClose();
        // an invalidation arrives while the probe delivers the first batch
        Set<CacheScope> late = Set.of(CacheScope.account(UserId.of(3)));
        assertThat(breaker.deferUnlessClosed(late)).isTrue();
        Optional<PendingInvalidations.Batch> second = breaker.nextBatchOrClose();

        assertThat(first).get().extracting(PendingInvalidations.Batch::scopes).asInstanceOf(
                org.assertj.core.api.InstanceOfAssertFactories.collection(CacheScope.class))
                .containsExactlyInAnyOrder(SCOPE.iterator().next(), other.iterator().next());
        assertThat(second).get().extracting(PendingInvalidations.Batch::scopes).isEqualTo(late);
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
        assertThat(breaker.nextBatchOrClose()).isEmpty();
        assertThat(breaker.state()).isEqualTo(State.CLOSED);
    }

    @Test
    @DisplayName("a probe that fails while delivering keeps the batch for the next one")
    void failed_delivery_is_kept() {
        started();
        breaker.deferAndOpen(SCOPE, DOWN);
        advance(Duration.ofSeconds(1));
        assertThat(breaker.tryStartProbe()).isTrue();
        PendingInvalidations.Batch batch = breaker.nextBatchOrClose().orElseThrow();

        breaker.probeFailed(batch, DOWN);

        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(breaker.pendingCount()).isEqualTo(1);
        assertThat(openings).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("only a probe may take the pending invalidations")
    void only_a_probe_delivers() {
        started();

        assertThatThrownBy(breaker::nextBatchOrClose).isInstanceOf(IllegalStateException.class)
                .hasMessage("only a probe delivers pending invalidations, the circuit is closed");
    }

    @Test
    @DisplayName("reports its state as CacheServerStats spells it")
    void labels() {
        assertThat(State.CLOSED.label()).isEqualTo("closed");
        assertThat(State.OPEN.label()).isEqualTo("open");
        assertThat(State.HALF_OPEN.label()).isEqualTo("half-open");
    }

    @Test
    @DisplayName("refuses a policy that could not work")
    void policy_validation() {
        assertThatThrownBy(() -> new CircuitBreaker.Policy(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .hasMessage("failureThreshold cannot be less than 1, was 0");
        assertThatThrownBy(() -> new CircuitBreaker.Policy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("back-offs must be positive with max >= initial, were PT2S and PT1S");
    }
}
