package io.chatplatform.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PresenceTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private final Presence presence = Presence.DEFAULT;

    @Test
    void a_user_seen_within_five_minutes_is_online() {
        assertThat(presence.isOnline(NOW.minusSeconds(299), NOW)).isTrue();
        assertThat(presence.isOnline(NOW.minusSeconds(300), NOW)).isTrue();
        assertThat(presence.isOnline(NOW.minusSeconds(301), NOW)).isFalse();
        assertThat(presence.onlineSince(NOW)).isEqualTo(NOW.minusSeconds(300));
    }

    @Test
    void activity_is_recorded_at_most_once_per_interval() {
        assertThat(presence.shouldRecord(NOW.minusSeconds(59), NOW)).isFalse();
        assertThat(presence.shouldRecord(NOW.minusSeconds(60), NOW)).isTrue();
    }

    @Test
    void the_record_interval_must_be_shorter_than_the_window() {
        assertThatThrownBy(() -> new Presence(Duration.ofMinutes(1), Duration.ofMinutes(1)))
                .hasMessageContaining("shorter than onlineWindow");
        assertThatThrownBy(() -> new Presence(Duration.ZERO, Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new Presence(Duration.ofMinutes(1), Duration.ofSeconds(-1)))
                .hasMessageContaining("at least 0");
    }
}
