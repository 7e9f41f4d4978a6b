package io.chatplatform.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("LiveSubscriber.Timing")
class LiveSubscriberTimingTest {

    @Test
    @DisplayName("by default reconnects after 1 s doubling to 30 s, pings every 2 s and gives up on 6 s of silence")
    void defaults() {
        assertThat(LiveSubscriber.Timing.DEFAULT).isEqualTo(new LiveSubscriber.Timing(Duration.ofSeconds(1),
                Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(6)));
    }

    @Test
    @DisplayName("refuses back-offs that shrink and a silence limit a healthy connection could reach")
    void validation() {
        assertThatThrownBy(() -> new LiveSubscriber.Timing(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(2))).hasMessageStartingWith("back-offs must be positive with max >= initial");
        assertThatThrownBy(() -> new LiveSubscriber.Timing(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1),
                Duration.ofSeconds(2))).hasMessageStartingWith("back-offs must be positive with max >= initial");
        assertThatThrownBy(() -> new LiveSubscriber.Timing(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(2))).hasMessageStartingWith("keepalive must be positive and shorter than silenceLimit");
        assertThatThrownBy(() -> new LiveSubscriber.Timing(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO,
                Duration.ofSeconds(2))).hasMessageStartingWith("keepalive must be positive and shorter than silenceLimit");
    }
}
