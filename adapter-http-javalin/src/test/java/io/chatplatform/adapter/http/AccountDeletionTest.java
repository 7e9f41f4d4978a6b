package io.chatplatform.adapter.http;

import static io.chatplatform.testkit.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.TestServer.Reply;
import io.chatplatform.adapter.http.TestServer.Session;
import io.chatplatform.testkit.LiveClient;
import io.chatplatform.testkit.LiveClient.Closed;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("DELETE /users/me")
class AccountDeletionTest {

    private final TestServer api = TestServer.startLive();

    @AfterAll
    void stop() {
        api.close();
    }

    private Reply delete(String token, String body) {
        return api.request("DELETE", "/users/me").bearer(token).json(body).send();
    }

    private Reply delete(Session user, String password) {
        return delete(user.token(), TestServer.json(Map.of("password", password)));
    }

    /** The caller's line for {@code peer} in GET /conversations. */
    private JsonNode conversationWith(Session owner, long peer) {
        Reply reply = api.get("/conversations", owner.token());
        assertThat(reply.status()).isEqualTo(200);
        return StreamSupport.stream(reply.json().spliterator(), false)
                .filter(line -> line.get("user_id").asLong() == peer).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("a wrong password is 403 'Incorrect password' and deletes nothing")
    void wrongPassword() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        api.send(alice, bob, "still here");

        Expect.detail(delete(alice, "not-the-password"), 403, "Incorrect password");

        assertThat(api.get("/users/me", alice.token()).json().get("username").asText()).isEqualTo(alice.username());
        assertThat(api.logIn(alice.username(), TestServer.PASSWORD)).isNotBlank();
        JsonNode line = conversationWith(bob, alice.id());
        assertThat(line.get("username").asText()).isEqualTo(alice.username());
        assertThat(line.get("peer_deleted").asBoolean()).isFalse();
        assertThat(api.get("/messages?with_user_id=" + alice.id(), bob.token()).json().get(0).get("content").asText())
                .isEqualTo("still here");
        assertThat(api.get("/users/" + alice.id(), bob.token()).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a missing, empty or non-string password, or no JSON body, is a 422 naming it; nothing is deleted")
    void badInputs() {
        Session carol = api.signUp("carol");

        Expect.invalid(delete(carol.token(), "{}"), "body", "password", "Field required", "missing");
        Expect.invalid(delete(carol.token(), "{\"password\": \"\"}"), "body", "password", "password is required",
                "value_error");
        Expect.invalid(delete(carol.token(), "{\"password\": 123}"), "body", "password", "Input should be a valid string",
                "string_type");
        Expect.reply(api.request("DELETE", "/users/me").bearer(carol.token()).send(), 422,
                "{\"detail\": [{\"loc\": [\"body\"], \"msg\": \"Field required\", \"type\": \"missing\"}]}");

        assertThat(api.get("/users/me", carol.token()).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("the right password deletes: every session ends, login fails, the name stays taken, the peer sees deleted_user and tombstones")
    void deletes() {
        Session dave = api.signUp("dave");
        Session other = api.anotherSession(dave);
        Session erin = api.signUp("erin");
        long sent = api.send(dave, erin, "my words");
        long received = api.send(erin, dave, "your words");

        Reply reply = delete(dave, TestServer.PASSWORD);

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.bytes()).isEmpty();
        Expect.detail(api.get("/users/me", dave.token()), 401, "Could not validate credentials");
        Expect.detail(api.get("/users/me", other.token()), 401, "Could not validate credentials");
        Expect.detail(delete(dave, TestServer.PASSWORD), 401, "Could not validate credentials");
        Expect.detail(api.request("POST", "/login").form(Map.of("username", dave.username(), "password",
                TestServer.PASSWORD)).send(), 400, "Incorrect username or password");
        Expect.detail(api.get("/users/" + dave.id(), erin.token()), 404, "User not found");
        Expect.detail(api.request("POST", "/register").json(TestServer.json(Map.of("username", dave.username(),
                "email", "new_" + dave.username() + "@example.com", "password", TestServer.PASSWORD))).send(),
                400, "Username or email already registered");

        eventually("the erasure of dave's messages reaching erin's conversation").until(() -> {
            JsonNode line = conversationWith(erin, dave.id());
            return line.get("peer_deleted").asBoolean() && line.get("username").asText().equals("deleted_user");
        });
        JsonNode history = api.get("/messages?with_user_id=" + dave.id(), erin.token()).json();
        assertThat(history).hasSize(2);
        JsonNode tombstone = history.get(1);
        assertThat(tombstone.get("id").asLong()).isEqualTo(sent);
        assertThat(tombstone.get("content").isNull()).isTrue();
        assertThat(tombstone.get("deleted_at").isNull()).isFalse();
        assertThat(history.get(0).get("id").asLong()).isEqualTo(received);
        assertThat(history.get(0).get("content").asText()).isEqualTo("your words");
    }

    @Test
    @DisplayName("the deleted account's WebSockets are closed with 4401 'session ended'")
    void closesLiveConnections() {
        Session frank = api.signUp("frank");
        try (LiveClient socket = LiveClients.live(api, frank)) {

            assertThat(delete(frank, TestServer.PASSWORD).status()).isEqualTo(204);

            assertThat(socket.awaitClose()).isEqualTo(new Closed(4401, "session ended"));
        }
    }
}
