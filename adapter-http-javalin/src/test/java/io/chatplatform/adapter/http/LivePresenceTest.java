package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.TestServer.Session;
import io.chatplatform.testkit.LiveClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("GET /ws: presence")
class LivePresenceTest {

    private final TestServer api = TestServer.startLive();

    @AfterAll
    void stop() {
        api.close();
    }

    private static JsonNode presence(LiveClient client, Session user, boolean online) {
        return client.await(m -> m.path("type").asText().equals("presence") && m.path("user_id").asLong() == user.id()
                && m.path("online").asBoolean() == online, "presence of " + user.username() + " online=" + online);
    }

    @Test
    @DisplayName("a conversation partner is told when a user connects and when their last connection closes")
    void onlineAndOffline() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        Session stranger = api.signUp("stranger");
        api.send(alice, bob, "hi");
        // logging in and sending count as activity, which keeps a user online for 5 minutes: let it lapse
        api.chat.clock.advance(Duration.ofMinutes(6));
        try (LiveClient alices = LiveClients.live(api, alice); LiveClient strangers = LiveClients.live(api, stranger)) {

            LiveClient bobsPhone = LiveClients.live(api, bob);
            assertThat(presence(alices, bob, true)).isEqualTo(TestServer.parse("""
                    {"type": "presence", "user_id": %d, "online": true}""".formatted(bob.id())));

            LiveClient bobsLaptop = LiveClients.live(api, bob);
            bobsPhone.close();
            bobsLaptop.send(java.util.Map.of("type", "ping"));
            bobsLaptop.expect("pong");
            bobsLaptop.close();

            List<JsonNode> inBetween = new ArrayList<>();
            JsonNode offline = alices.next();
            while (!offline.path("type").asText().equals("presence") || offline.path("user_id").asLong() != bob.id()) {
                inBetween.add(offline);
                offline = alices.next();
            }
            assertThat(offline).as("after the last of bob's connections closed").isEqualTo(TestServer.parse("""
                    {"type": "presence", "user_id": %d, "online": false}""".formatted(bob.id())));
            assertThat(inBetween).as("while bob's laptop was still connected").isEmpty();
            assertThat(strangers.drain()).as("someone without a conversation with bob")
                    .noneMatch(m -> m.path("type").asText().equals("presence") && m.path("user_id").asLong() == bob.id());
        }
    }
}
