package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.adapter.http.TestServer.Session;
import io.chatplatform.testkit.LiveClient;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("GET /ws: messages the server cannot honour")
class LiveProtocolErrorsTest {

    private static final String KINDS = "it is one of auth, resume, ack, typing, ping";
    private static final String CHANGE_POSITIONS =
            "change_positions: an object from peer user id to the last change_seq seen (an integer, 0 or more)";
    private static final String ACK_USER =
            "user_id: the id of the peer whose conversation the messages are of (a positive integer) is required";
    private static final String ACK_SEQ =
            "seq: the seq of the newest message of that conversation received (an integer, 1 or more) is required";

    private final TestServer api = TestServer.startLive();

    @AfterAll
    void stop() {
        api.close();
    }

    static Stream<Arguments> badMessages() {
        return Stream.of(
                Arguments.of("not JSON", "{\"type\": \"ping\"", "bad_frame", "the message is not JSON"),
                Arguments.of("empty", "", "bad_frame", "the message is empty; it must be JSON"),
                Arguments.of("a JSON array", "[{\"type\": \"ping\"}]", "unknown_type",
                        "a message is a JSON object whose \"type\" is one of auth, resume, ack, typing, ping"),
                Arguments.of("a JSON string", "\"ping\"", "unknown_type",
                        "a message is a JSON object whose \"type\" is one of auth, resume, ack, typing, ping"),
                Arguments.of("without a type", "{\"user_id\": 1}", "unknown_type", "\"type\" is missing; " + KINDS),
                Arguments.of("a type that is not a string", "{\"type\": 1}", "unknown_type", "\"type\" is missing; " + KINDS),
                Arguments.of("an unknown type", "{\"type\": \"dance\"}", "unknown_type", "unknown type \"dance\"; " + KINDS),
                Arguments.of("typing without user_id", "{\"type\": \"typing\"}", "invalid",
                        "user_id: the id of the user you are typing to (a positive integer) is required"),
                Arguments.of("typing with a string user_id", "{\"type\": \"typing\", \"user_id\": \"2\"}", "invalid",
                        "user_id: the id of the user you are typing to (a positive integer) is required"),
                Arguments.of("typing with user_id 0", "{\"type\": \"typing\", \"user_id\": 0}", "invalid",
                        "user_id: the id of the user you are typing to (a positive integer) is required"),
                Arguments.of("resume with positions that are not an object", "{\"type\": \"resume\", \"positions\": 3}",
                        "invalid", "positions: an object from peer user id to the last seq seen (an integer, 0 or more)"),
                Arguments.of("resume with change_positions that are not an object",
                        "{\"type\": \"resume\", \"change_positions\": [7]}", "invalid", CHANGE_POSITIONS),
                Arguments.of("resume with a change position that is negative",
                        "{\"type\": \"resume\", \"positions\": {\"7\": 1}, \"change_positions\": {\"7\": -1}}", "invalid",
                        CHANGE_POSITIONS + "; \"7\" is not"),
                Arguments.of("resume with a change position of a peer that is no id",
                        "{\"type\": \"resume\", \"change_positions\": {\"bob\": 3}}", "invalid",
                        CHANGE_POSITIONS + "; \"bob\" is not"),
                Arguments.of("resume with a change position that is a fraction",
                        "{\"type\": \"resume\", \"change_positions\": {\"7\": 2.5}}", "invalid",
                        CHANGE_POSITIONS + "; \"7\" is not"),
                Arguments.of("ack without user_id", "{\"type\": \"ack\", \"seq\": 3}", "invalid", ACK_USER),
                Arguments.of("ack with a string user_id", "{\"type\": \"ack\", \"user_id\": \"7\", \"seq\": 3}",
                        "invalid", ACK_USER),
                Arguments.of("ack with user_id 2^53", "{\"type\": \"ack\", \"user_id\": 9007199254740992, \"seq\": 3}",
                        "invalid", ACK_USER),
                Arguments.of("ack without seq", "{\"type\": \"ack\", \"user_id\": 7}", "invalid", ACK_SEQ),
                Arguments.of("ack with seq 0", "{\"type\": \"ack\", \"user_id\": 7, \"seq\": 0}", "invalid", ACK_SEQ),
                Arguments.of("ack with a fractional seq", "{\"type\": \"ack\", \"user_id\": 7, \"seq\": 1.5}", "invalid",
                        ACK_SEQ),
                Arguments.of("ack with a string seq", "{\"type\": \"ack\", \"user_id\": 7, \"seq\": \"3\"}", "invalid",
                        ACK_SEQ));
    }

    @ParameterizedTest(name = "{0}: error {2}, and the connection stays open")
    @MethodSource("badMessages")
    @DisplayName("a message that cannot be honoured is answered with an error event; the connection stays open")
    void badMessage(String what, String text, String code, String message) {
        Session alice = api.signUp("alice");
        try (LiveClient client = LiveClients.authenticated(api, alice)) {
            client.sendText(text);

            assertThat(client.next()).isEqualTo(TestServer.parse(TestServer.json(
                    Map.of("type", "error", "code", code, "message", message))));
            client.send(Map.of("type", "ping"));
            client.expect("pong");
        }
    }

    @Test
    @DisplayName("a binary message is answered with error unsupported")
    void binary() {
        Session alice = api.signUp("alice");
        try (LiveClient client = LiveClients.authenticated(api, alice)) {
            client.sendBinary("{\"type\": \"ping\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));

            assertThat(client.next()).isEqualTo(TestServer.parse("""
                    {"type": "error", "code": "unsupported", "message": "binary messages are not supported; send JSON text"}"""));
            client.send(Map.of("type", "ping"));
            client.expect("pong");
        }
    }

    @Test
    @DisplayName("a message larger than 16 KiB closes that connection with 1009; the others are served on")
    void tooLarge() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        try (LiveClient bobs = LiveClients.live(api, bob); LiveClient client = LiveClients.authenticated(api, alice)) {
            client.sendText("{\"type\": \"ping\", \"padding\": \"" + "x".repeat(16 * 1024) + "\"}");

            assertThat(client.awaitClose().code()).isEqualTo(1009);
            LiveClients.awaitNoConnectionOf(api, alice);
            api.send(alice, bob, "still here");
            assertThat(bobs.expect("message.created").at("/message/content").asText()).isEqualTo("still here");
        }
    }

    @Test
    @DisplayName("a message of exactly 16 KiB is still read")
    void largestAccepted() {
        Session alice = api.signUp("alice");
        try (LiveClient client = LiveClients.authenticated(api, alice)) {
            String prefix = "{\"type\": \"ping\", \"padding\": \"";
            String suffix = "\"}";
            client.sendText(prefix + "x".repeat(16 * 1024 - prefix.length() - suffix.length()) + suffix);

            client.expect("pong");
        }
    }
}
