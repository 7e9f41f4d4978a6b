package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.adapter.http.TestServer.Session;
import io.chatplatform.adapter.http.internal.live.LiveEndpoint;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.testkit.LiveClient.Closed;
import io.chatplatform.testkit.LiveClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("GET /ws: back-pressure")
class LiveBackPressureTest {

    /** 4,000 emoji: the longest message, 16,000 bytes of UTF-8. */
    private static final String LARGE = "😀".repeat(4000);

    private final TestServer api = TestServer.startLive();

    @AfterAll
    void stop() {
        api.close();
    }

    private Optional<LiveEndpoint.Connection> connectionOf(Session user) {
        return api.server.liveConnections().stream()
                .filter(c -> UserId.of(user.id()).equals(c.user()))
                .findFirst();
    }

    @Test
    @DisplayName("a client that stops reading is closed with 1008 while its outbox stays bounded; the others are served on")
    void slowReader() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        Session carol = api.signUp("carol");
        Session dave = api.signUp("dave");
        try (LiveClient carols = LiveClients.live(api, carol);
             LiveClient bobs = LiveClients.builder(api).bearer(bob.token()).slowReader().connect()) {
            bobs.expect("ready"); // and nothing more is read from here on
            bobs.send(Map.of("type", "ping"));

            int largestOutbox = 0;
            Integer closeCode = null;
            int sent = 0;
            while (closeCode == null && sent < 5000) {
                api.send(alice, bob, LARGE);
                sent++;
                Optional<LiveEndpoint.Connection> connection = connectionOf(bob);
                if (connection.isEmpty()) {
                    break;
                }
                largestOutbox = Math.max(largestOutbox, connection.get().queued());
                closeCode = connection.get().closeCode();
            }

            assertThat(closeCode).as("closed by the server after %d messages", sent).isEqualTo(1008);
            assertThat(largestOutbox).as("frames queued for bob at most").isBetween(1, 256);
            bobs.readEverything();
            assertThat(bobs.awaitClose(Duration.ofSeconds(10)))
                    .isEqualTo(new Closed(1008, "too slow: the server's queue for this connection is full"));
            assertThat(bobs.drain().size()).as("messages bob got before the close").isLessThan(sent);
            LiveClients.awaitNoConnectionOf(api, bob);

            api.send(dave, carol, "still here");
            assertThat(carols.next(Duration.ofSeconds(1)).at("/message/content").asText()).isEqualTo("still here");
        }
    }
}
