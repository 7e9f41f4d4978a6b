package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.TestServer.Reply;
import io.chatplatform.adapter.http.TestServer.Session;
import io.chatplatform.testkit.LiveClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("GET /ws: live events")
class LiveEventsTest {

    private final TestServer api = TestServer.startLive();

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    @DisplayName("a message sent through REST reaches the recipient and the sender's other device within a second,"
            + " exactly as POST /send answered it")
    void messageCreated() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        try (LiveClient bobsPhone = LiveClients.live(api, bob);
             LiveClient alicesLaptop = LiveClients.live(api, alice)) {

            Reply sent = api.post("/send", TestServer.json(Map.of("recipient_id", bob.id(), "content", "hi 👋 <b>\"x\"</b>",
                    "client_message_id", "c-1")), alice.token());

            assertThat(sent.status()).isEqualTo(200);
            JsonNode expected = TestServer.parse("{\"type\": \"message.created\", \"message\": " + sent.body()
                    + ", \"change_seq\": 1}");
            assertThat(bobsPhone.next(Duration.ofSeconds(1))).isEqualTo(expected);
            assertThat(alicesLaptop.next(Duration.ofSeconds(1))).isEqualTo(expected);
            assertThat(expected.at("/message/seq").asLong()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("typing is relayed to the peer with its expiry, and only to someone one has a conversation with")
    void typing() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        Session stranger = api.signUp("stranger");
        api.send(alice, bob, "hello");
        try (LiveClient bobs = LiveClients.live(api, bob); LiveClient alices = LiveClients.live(api, alice)) {
            alices.send(Map.of("type", "typing", "user_id", bob.id()));

            JsonNode typing = bobs.next();
            assertThat(fieldNames(typing)).containsExactly("type", "user_id", "expires_at");
            assertThat(typing.get("type").asText()).isEqualTo("typing");
            assertThat(typing.get("user_id").asLong()).isEqualTo(alice.id());
            assertThat(Instant.parse(typing.get("expires_at").asText())).isAfter(api.chat.clock.instant());
            assertThat(typing.get("expires_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

            alices.send(Map.of("type", "typing", "user_id", stranger.id()));
            assertThat(alices.next()).isEqualTo(TestServer.parse("""
                    {"type": "error", "code": "no_conversation",
                     "message": "typing can only be shown to someone you have a conversation with"}"""));
        }
    }

    @Test
    @DisplayName("a burst of typing indications beyond the allowance is answered with rate_limited")
    void typingRateLimit() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        api.send(alice, bob, "hello");
        try (LiveClient bobs = LiveClients.live(api, bob); LiveClient alices = LiveClients.live(api, alice)) {
            for (int i = 0; i < 6; i++) {
                alices.send(Map.of("type", "typing", "user_id", bob.id()));
            }

            JsonNode refused = alices.next();
            assertThat(refused.get("type").asText()).isEqualTo("error");
            assertThat(refused.get("code").asText()).isEqualTo("rate_limited");
            for (int i = 0; i < 5; i++) {
                bobs.expect("typing");
            }
            bobs.expectSilence(Duration.ofMillis(200));
        }
    }

    @Test
    @DisplayName("the peer learns how far their messages were read after POST /messages/{id}/read")
    void messageRead() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        try (LiveClient alices = LiveClients.live(api, alice)) {
            api.send(alice, bob, "one");
            long second = api.send(alice, bob, "two");
            alices.expect("message.created");
            alices.expect("message.created");

            assertThat(api.post("/messages/" + second + "/read", "", bob.token()).status()).isEqualTo(200);

            assertThat(alices.next()).isEqualTo(TestServer.parse("""
                    {"type": "message.read", "reader_id": %d, "peer_id": %d, "up_to_seq": 2, "change_seq": 3}"""
                    .formatted(bob.id(), alice.id())));
        }
    }

    @Test
    @DisplayName("a ping is answered with a pong")
    void ping() {
        Session alice = api.signUp("alice");
        try (LiveClient alices = LiveClients.authenticated(api, alice)) {
            alices.send(Map.of("type", "ping"));

            assertThat(alices.next()).isEqualTo(TestServer.parse("{\"type\": \"pong\"}"));
        }
    }

    @Test
    @DisplayName("a plain GET /ws, not a WebSocket handshake, is answered 426 with Upgrade: websocket")
    void plainGet() {
        Reply reply = api.get("/ws");

        Expect.detail(reply, 426, "Upgrade Required: GET /ws is a WebSocket (protocol in docs/realtime.md)");
        assertThat(reply.header("upgrade")).isEqualTo("websocket");
    }

    @Test
    @DisplayName("the OpenAPI document shows GET /ws with its 101 and points to the protocol")
    void documented() {
        JsonNode doc = api.get("/openapi.json").json();
        JsonNode ws = doc.at("/paths/~1ws/get");

        assertThat(fieldNames(ws.get("responses"))).containsExactly("101", "414", "426", "431", "500");
        assertThat(ws.at("/responses/101/description").asText()).contains("chat.v1", "bearer.<token>", "docs/realtime.md");
        assertThat(ws.at("/responses/101").has("content")).isFalse();
        assertThat(ws.get("security")).as("the token may come in the handshake or on the WebSocket")
                .isEqualTo(TestServer.parse("[{\"bearerAuth\": []}, {}]"));
        assertThat(doc.at("/info/description").asText()).contains("GET /ws", "docs/realtime.md");
    }

    static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
