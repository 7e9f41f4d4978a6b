package io.chatplatform.application.realtime;

import static io.chatplatform.application.realtime.RealtimeFixture.ALICE;
import static io.chatplatform.application.realtime.RealtimeFixture.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.application.fixtures.RecordingChannel;
import io.chatplatform.application.port.out.ClientChannel;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.realtime.CloseReason;
import io.chatplatform.domain.realtime.ReadMarkerMoved;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The hub as a whole: bus events reach the local connections of their audience; failures on the bus's thread are reported. */
class RealtimeHubTest {

    private final RealtimeFixture fixture = new RealtimeFixture();
    private final RealtimeHub hub = fixture.hub();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    @DisplayName("a read marker reaches the reader's other devices and the peer, nobody else")
    void read_markers() {
        RecordingChannel alice = new RecordingChannel();
        RecordingChannel bob = new RecordingChannel();
        RecordingChannel carol = new RecordingChannel();
        hub.open(ALICE, alice).activity();
        hub.open(BOB, bob).activity();
        hub.open(RealtimeFixture.CAROL, carol).activity();
        ReadMarkerMoved read = new ReadMarkerMoved(ConversationId.between(ALICE, BOB), BOB, 1, 2);
        fixture.bus.publish(read);
        assertThat(alice.events()).containsExactly(read);
        assertThat(bob.events()).containsExactly(read);
        assertThat(carol.events()).isEmpty();
    }

    @Test
    @DisplayName("a failure while handing a bus event to the connections is reported, never thrown back into the bus")
    void dispatch_failure() {
        hub.open(BOB, new ClientChannel() {
            @Override
            public boolean offer(ServerMessage message) {
                return false;
            }

            @Override
            public void close(CloseReason reason) {
                throw new IllegalStateException("transport gone");
            }
        });
        for (int i = 0; i < RealtimeFixture.SETTINGS.mailboxCapacity() + 2; i++) {
            fixture.send(ALICE, BOB, "m" + i);
        }
        assertThat(fixture.counted).contains("live_dispatch");
        assertThat(fixture.errors).contains("live_dispatch: transport gone");
        RecordingChannel other = new RecordingChannel();
        hub.open(ALICE, other);
        hub.close();
        assertThat(other.closeReason()).as("closed although another transport failed to").isEqualTo(CloseReason.GOING_AWAY);
    }

    @Test
    @DisplayName("settings refuse values that cannot work")
    void settings() {
        assertThatThrownBy(() -> new RealtimeSettings(Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofSeconds(30),
                Duration.ofSeconds(5), Duration.ofSeconds(6), 5, Duration.ofSeconds(1), 500, 1000, 500, 100, Duration.ZERO))
                .hasMessageContaining("two heartbeats");
        assertThatThrownBy(() -> new RealtimeSettings(Duration.ZERO, Duration.ofSeconds(20), Duration.ofSeconds(60),
                Duration.ofSeconds(5), Duration.ofSeconds(6), 5, Duration.ofSeconds(1), 500, 1000, 500, 100, Duration.ZERO))
                .hasMessageContaining("resumeWait");
        assertThatThrownBy(() -> new RealtimeSettings(Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofSeconds(60),
                Duration.ofSeconds(5), Duration.ofSeconds(6), 0, Duration.ofSeconds(1), 500, 1000, 500, 100, Duration.ZERO))
                .hasMessageContaining("at least 1");
    }
}
