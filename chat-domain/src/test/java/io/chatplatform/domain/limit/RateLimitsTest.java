package io.chatplatform.domain.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.InvalidValueException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    @Test
    void every_action_is_limited_by_default_and_none_is_with_off() {
        RateLimits defaults = RateLimits.defaults();
        for (LimitedAction action : LimitedAction.values()) {
            assertThat(defaults.of(action)).contains(action.defaultLimit());
        }
        assertThat(RateLimits.parse("off").limits()).isEmpty();
        assertThat(RateLimits.parse("defaults")).isEqualTo(defaults);
        assertThat(RateLimits.parse("  ")).isEqualTo(defaults);
    }

    @Test
    void the_configuration_changes_or_removes_single_limits_and_keeps_the_others() {
        RateLimits limits = RateLimits.parse("sends_per_user=60/10s+600/1m, searches_per_user=off,login_failures_per_username=5/500ms");

        assertThat(limits.of(LimitedAction.SENDS_PER_USER).orElseThrow().bandwidths())
                .containsExactly(Bandwidth.of(60, Duration.ofSeconds(10)), Bandwidth.of(600, Duration.ofMinutes(1)));
        assertThat(limits.of(LimitedAction.SEARCHES_PER_USER)).isEmpty();
        assertThat(limits.of(LimitedAction.LOGIN_FAILURES_PER_USERNAME).orElseThrow().bandwidths())
                .containsExactly(Bandwidth.of(5, Duration.ofMillis(500)));
        assertThat(limits.of(LimitedAction.REGISTRATIONS_PER_ADDRESS)).contains(LimitedAction.REGISTRATIONS_PER_ADDRESS.defaultLimit());
    }

    @Test
    void the_written_form_reads_back_as_the_same_limits() {
        RateLimits limits = RateLimits.parse("sends_per_user=60/10s+600/1h,searches_per_user=off,registrations_per_address=3/1d");
        assertThat(RateLimits.parse(limits.toString())).isEqualTo(limits);
        assertThat(limits.toString()).contains("sends_per_user=60/10s+600/1h", "registrations_per_address=3/1d",
                "searches_per_user=off");
        assertThat(RateLimits.parse(RateLimits.defaults().toString())).isEqualTo(RateLimits.defaults());
        assertThat(RateLimits.none()).hasToString("off");
    }

    @Test
    void mistakes_are_named_with_what_is_expected() {
        assertThatThrownBy(() -> RateLimits.parse("sends_per_user")).hasMessageContaining("is not <action>=<capacity>/<period>");
        assertThatThrownBy(() -> RateLimits.parse("sends=1/1s")).hasMessageContaining("'sends' is not a limited action; they are login_failures_per_username");
        assertThatThrownBy(() -> RateLimits.parse("sends_per_user=ten/1s")).hasMessageContaining("'ten' is not a whole number");
        assertThatThrownBy(() -> RateLimits.parse("sends_per_user=10")).hasMessageContaining("'10' is not <capacity>/<period>");
        assertThatThrownBy(() -> RateLimits.parse("sends_per_user=10/1w")).hasMessageContaining("'1w' is not a duration");
        assertThatThrownBy(() -> RateLimits.parse("sends_per_user=10/s")).hasMessageContaining("'s' is not a duration");
        assertThatThrownBy(() -> RateLimits.parse("sends_per_user=0/1s")).hasMessageContaining("capacity must be at least 1, was 0");
        assertThatThrownBy(() -> RateLimits.parse("sends_per_user=1/0s")).hasMessageContaining("period must be at least 1 ms");
    }

    @Test
    void a_limit_needs_a_bandwidth_and_belongs_to_its_action() {
        assertThatThrownBy(() -> new RateLimit(LimitedAction.SENDS_PER_USER, List.of()))
                .hasMessage("sends_per_user needs at least one bandwidth");
        assertThatThrownBy(() -> new RateLimits(java.util.Map.of(LimitedAction.SENDS_PER_USER,
                LimitedAction.SEARCHES_PER_USER.defaultLimit())))
                .hasMessageContaining("the limit of sends_per_user is one of searches_per_user");
    }

    @Test
    void a_refusal_waits_at_least_a_second_and_rounds_up_to_whole_seconds() {
        assertThat(new Admission.Refused(Duration.ofMillis(10)).retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(new Admission.Refused(Duration.ofMillis(2001)).retryAfterSeconds()).isEqualTo(3);
        assertThat(new Admission.Refused(Duration.ofSeconds(2)).retryAfterSeconds()).isEqualTo(2);
        assertThat(Admission.ADMITTED.admitted()).isTrue();
        assertThat(new Admission.Refused(Duration.ofSeconds(2)).admitted()).isFalse();
    }

    @Test
    void a_client_address_is_short_and_not_blank() {
        assertThat(ClientAddress.of("2001:db8::1")).hasToString("2001:db8::1");
        assertThatThrownBy(() -> ClientAddress.of(" ")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> ClientAddress.of("x".repeat(65))).isInstanceOf(InvalidValueException.class);
    }
}
