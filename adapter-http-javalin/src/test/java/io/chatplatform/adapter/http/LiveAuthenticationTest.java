package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.chatplatform.adapter.http.TestServer.Session;
import io.chatplatform.testkit.LiveClient.Closed;
import io.chatplatform.testkit.LiveClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("GET /ws: authentication")
class LiveAuthenticationTest {

    private static final Closed INVALID = new Closed(4401, "invalid or expired token");
    private static final Closed TIMED_OUT = new Closed(4401, "authentication timed out");
    private static final Closed AUTH_FIRST = new Closed(4401, "not authenticated: the first message must be auth");

    private final TestServer api = TestServer.startLive();

    @AfterAll
    void stop() {
        api.close();
    }

    private String ready(Session user) {
        return "{\"type\": \"ready\", \"user_id\": " + user.id() + "}";
    }

    @Test
    @DisplayName("a token in the Authorization header of the handshake authenticates at once")
    void header() {
        Session alice = api.signUp("alice");
        try (LiveClient client = LiveClients.builder(api).bearer(alice.token()).connect()) {
            assertThat(client.next()).isEqualTo(TestServer.parse(ready(alice)));
        }
    }

    @Test
    @DisplayName("a browser offers the subprotocols chat.v1 and bearer.<token>: the server selects chat.v1, never the token")
    void subprotocols() {
        Session alice = api.signUp("alice");
        try (LiveClient client = LiveClients.builder(api).subprotocols("chat.v1", "bearer." + alice.token()).connect()) {
            assertThat(client.subprotocol()).isEqualTo("chat.v1");
            assertThat(client.next()).isEqualTo(TestServer.parse(ready(alice)));
        }
        try (LiveClient client = LiveClients.builder(api).subprotocols("bearer." + alice.token(), "chat.v1").connect()) {
            assertThat(client.subprotocol()).isEqualTo("chat.v1");
            assertThat(client.next()).isEqualTo(TestServer.parse(ready(alice)));
        }
        try (LiveClient client = LiveClients.builder(api).subprotocols("bearer." + alice.token()).connect()) {
            assertThat(client.subprotocol()).as("none selected (a browser would fail the handshake)").isEmpty();
        }
    }

    @Test
    @DisplayName("a first message {\"type\": \"auth\", \"token\": ...} authenticates")
    void authMessage() {
        Session alice = api.signUp("alice");
        try (LiveClient client = LiveClients.connect(api)) {
            client.send(Map.of("type", "auth", "token", alice.token()));

            assertThat(client.next()).isEqualTo(TestServer.parse(ready(alice)));
            client.send(Map.of("type", "ping"));
            client.expect("pong");
        }
    }

    @Test
    @DisplayName("a second auth message is refused with an error; the connection stays open")
    void authTwice() {
        Session alice = api.signUp("alice");
        try (LiveClient client = LiveClients.authenticated(api, alice)) {
            client.send(Map.of("type", "auth", "token", alice.token()));

            assertThat(client.next()).isEqualTo(TestServer.parse("""
                    {"type": "error", "code": "invalid",
                     "message": "already authenticated; to renew a token, reconnect with the new one and resume"}"""));
            client.send(Map.of("type", "ping"));
            client.expect("pong");
        }
    }

    @Test
    @DisplayName("a forged token closes the connection with 4401, whichever way it came")
    void forgedToken() {
        try (LiveClient client = LiveClients.builder(api).bearer("forged").connect()) {
            assertThat(client.awaitClose()).isEqualTo(INVALID);
        }
        try (LiveClient client = LiveClients.builder(api).subprotocols("chat.v1", "bearer.forged").connect()) {
            assertThat(client.awaitClose()).isEqualTo(INVALID);
        }
        try (LiveClient client = LiveClients.connect(api)) {
            client.send(Map.of("type", "auth", "token", "forged"));
            assertThat(client.awaitClose()).isEqualTo(INVALID);
        }
        try (LiveClient client = LiveClients.connect(api)) {
            client.send(Map.of("type", "auth"));
            assertThat(client.awaitClose()).isEqualTo(INVALID);
        }
    }

    @Test
    @DisplayName("without credentials the connection is closed with 4401 once the time to authenticate is up")
    void missingToken() {
        try (LiveClient client = LiveClients.connect(api)) {
            assertThat(client.awaitClose(Duration.ofSeconds(3))).isEqualTo(TIMED_OUT);
            assertThat(client.drain()).isEmpty();
        }
    }

    @Test
    @DisplayName("a token in the URL's query is not accepted: the connection waits for credentials and times out")
    void noTokenInQuery() {
        Session alice = api.signUp("alice");
        try (LiveClient client = LiveClients.builder(api).path("/ws?token=" + TestServer.encode(alice.token())).connect()) {
            assertThat(client.awaitClose(Duration.ofSeconds(3))).isEqualTo(TIMED_OUT);
            assertThat(client.drain()).isEmpty();
        }
    }

    @Test
    @DisplayName("a first message other than auth closes the connection with 4401, a binary one too")
    void authFirst() {
        try (LiveClient client = LiveClients.connect(api)) {
            client.send(Map.of("type", "ping"));
            assertThat(client.awaitClose()).isEqualTo(AUTH_FIRST);
        }
        try (LiveClient client = LiveClients.connect(api)) {
            client.sendText("not json");
            assertThat(client.awaitClose()).isEqualTo(AUTH_FIRST);
        }
        try (LiveClient client = LiveClients.connect(api)) {
            client.sendBinary(new byte[] {1, 2, 3});
            assertThat(client.awaitClose()).isEqualTo(AUTH_FIRST);
        }
    }

    @Test
    @DisplayName("an expired token closes the connection with 4401")
    void expiredToken() {
        try (TestServer server = TestServer.startLive()) {
            Session alice = server.signUp("alice");
            server.chat.clock.advance(Duration.ofMinutes(61));

            try (LiveClient client = LiveClients.builder(server).bearer(alice.token()).connect()) {
                assertThat(client.awaitClose()).isEqualTo(INVALID);
            }
            try (LiveClient client = LiveClients.connect(server)) {
                client.send(Map.of("type", "auth", "token", alice.token()));
                assertThat(client.awaitClose()).isEqualTo(INVALID);
            }
        }
    }

    @Test
    @DisplayName("a connection is closed with 4401 \"token expired\" when its token expires; a fresh token reconnects")
    void expiresWhileConnected() {
        try (TestServer server = TestServer.startLive()) {
            Session alice = server.signUp("alice");
            try (LiveClient client = LiveClients.live(server, alice)) {
                server.chat.clock.advance(Duration.ofMinutes(59));
                client.send(Map.of("type", "ping"));
                client.expect("pong");

                server.chat.clock.advance(Duration.ofMinutes(1));

                assertThat(client.awaitClose()).isEqualTo(new Closed(4401, "token expired"));
            }
            String fresh = server.logIn(alice.username(), TestServer.PASSWORD);
            try (LiveClient client = LiveClients.builder(server).bearer(fresh).connect()) {
                client.expect("ready");
            }
        }
    }

    @Test
    @DisplayName("tokens never reach the log, however they were presented")
    void noTokensInLogs() {
        Session alice = api.signUp("alice");
        try (LogCapture all = new LogCapture("ROOT", Level.INFO);
             LogCapture ours = new LogCapture("io.chatplatform.adapter.http", Level.DEBUG)) {
            try (LiveClient client = LiveClients.builder(api).bearer(alice.token()).connect()) {
                client.expect("ready");
            }
            try (LiveClient client = LiveClients.builder(api).subprotocols("chat.v1", "bearer." + alice.token()).connect()) {
                client.expect("ready");
            }
            try (LiveClient client = LiveClients.connect(api)) {
                client.send(Map.of("type", "auth", "token", alice.token()));
                client.expect("ready");
            }
            try (LiveClient client = LiveClients.builder(api).path("/ws?token=" + alice.token()).connect()) {
                client.awaitClose(Duration.ofSeconds(3));
            }
            try (LiveClient client = LiveClients.builder(api).bearer(alice.token() + "-forged").connect()) {
                client.awaitClose();
            }

            assertThat(ours.lines()).as("debug logging ran").anyMatch(line -> line.contains("WebSocket"));
            List<String> lines = new ArrayList<>(all.lines());
            lines.addAll(ours.lines());
            assertThat(lines).noneMatch(line -> line.contains(alice.token()));
        }
    }
}
