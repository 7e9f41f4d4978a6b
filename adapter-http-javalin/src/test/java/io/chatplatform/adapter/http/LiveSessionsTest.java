package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.adapter.http.TestServer.Session;
import io.chatplatform.testkit.LiveClient;
import io.chatplatform.testkit.LiveClient.Closed;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("GET /ws and login sessions: a connection ends with its session, and only with it")
class LiveSessionsTest {

    private static final Closed SESSION_ENDED = new Closed(4401, "session ended");

    private final TestServer api = TestServer.startLive();

    @AfterAll
    void stop() {
        api.close();
    }

    /** The connection is open and served: a ping is answered. */
    private static void assertServed(LiveClient client) {
        client.send(Map.of("type", "ping"));
        client.expect("pong");
        assertThat(client.isClosed()).isFalse();
    }

    @Test
    @DisplayName("a logout closes that session's WebSocket with 4401 'session ended'; another session's stays open")
    void logout() {
        Session phone = api.signUp("alice");
        Session laptop = api.anotherSession(phone);
        try (LiveClient onPhone = LiveClients.live(api, phone); LiveClient onLaptop = LiveClients.live(api, laptop)) {

            assertThat(api.request("POST", "/logout").bearer(phone.token()).send().status()).isEqualTo(204);

            assertThat(onPhone.awaitClose()).isEqualTo(SESSION_ENDED);
            assertServed(onLaptop);
        }
    }

    @Test
    @DisplayName("ending a session from another device closes its sockets, also one authenticated by an auth message")
    void endedFromElsewhere() {
        Session lost = api.signUp("bob");
        Session here = api.anotherSession(lost);
        LiveClient byMessage = LiveClients.connect(api);
        try (LiveClient onLost = LiveClients.live(api, lost); byMessage; LiveClient onHere = LiveClients.live(api, here)) {
            byMessage.send(Map.of("type", "auth", "token", lost.token()));
            byMessage.expect("ready");
            long lostSession = currentSession(lost);

            assertThat(api.request("DELETE", "/sessions/" + lostSession).bearer(here.token()).send().status())
                    .isEqualTo(204);

            assertThat(onLost.awaitClose()).isEqualTo(SESSION_ENDED);
            assertThat(byMessage.awaitClose()).isEqualTo(SESSION_ENDED);
            assertServed(onHere);
        }
    }

    @Test
    @DisplayName("DELETE /sessions closes the WebSockets of every other session, never the caller's")
    void endOthers() {
        Session one = api.signUp("carol");
        Session two = api.anotherSession(one);
        Session current = api.anotherSession(one);
        Session stranger = api.signUp("dave");
        try (LiveClient first = LiveClients.live(api, one); LiveClient second = LiveClients.live(api, two);
             LiveClient mine = LiveClients.live(api, current); LiveClient theirs = LiveClients.live(api, stranger)) {

            assertThat(api.request("DELETE", "/sessions").bearer(current.token()).send().status()).isEqualTo(204);

            assertThat(first.awaitClose()).isEqualTo(SESSION_ENDED);
            assertThat(second.awaitClose()).isEqualTo(SESSION_ENDED);
            assertServed(mine);
            assertServed(theirs);
        }
    }

    @Test
    @DisplayName("a token of an ended session cannot open a WebSocket")
    void endedSessionCannotConnect() {
        Session erin = api.signUp("erin");
        assertThat(api.request("POST", "/logout").bearer(erin.token()).send().status()).isEqualTo(204);

        try (LiveClient client = LiveClients.builder(api).bearer(erin.token()).connect()) {
            assertThat(client.awaitClose()).isEqualTo(new Closed(4401, "invalid or expired token"));
        }
    }

    /** The id of the session {@code user}'s token belongs to, as GET /sessions marks it. */
    private long currentSession(Session user) {
        for (var session : api.get("/sessions", user.token()).json()) {
            if (session.get("current").asBoolean()) {
                return session.get("id").asLong();
            }
        }
        throw new AssertionError("no current session for " + user.username());
    }
}
