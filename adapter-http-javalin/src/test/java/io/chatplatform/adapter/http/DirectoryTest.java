package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.TestServer.Reply;
import io.chatplatform.adapter.http.TestServer.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("GET /users/search, /users/online and /users/{user_id}")
class DirectoryTest {

    private final TestServer api = TestServer.start();

    @AfterAll
    void stop() {
        api.close();
    }

    private static List<String> usernames(Reply reply) {
        List<String> names = new ArrayList<>();
        reply.json().forEach(user -> names.add(user.get("username").asText()));
        return names;
    }

    @Test
    @DisplayName("search finds users by username and display name, never the caller, and says who is online")
    void searches() {
        Session searcher = api.signUp("zed_quokka");
        Session byName = api.signUp("quokka");
        Session byDisplayName = api.signUp("someone");
        api.request("PATCH", "/users/me").bearer(byDisplayName.token()).json("{\"display_name\": \"Big QUOKKA fan\"}").send();

        Reply reply = api.get("/users/search?query=quokka", searcher.token());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(usernames(reply)).contains(byName.username(), byDisplayName.username())
                .doesNotContain(searcher.username());
        JsonNode fan = find(reply, byDisplayName.username());
        assertThat(OwnProfileTest.fieldNames(fan)).containsExactly("id", "username", "display_name", "is_online");
        assertThat(fan.get("id").asLong()).isEqualTo(byDisplayName.id());
        assertThat(fan.get("display_name").asText()).isEqualTo("Big QUOKKA fan");
        assertThat(fan.get("is_online").asBoolean()).isTrue();
        assertThat(find(reply, byName.username()).get("display_name").isNull()).isTrue();
    }

    private static JsonNode find(Reply reply, String username) {
        for (JsonNode user : reply.json()) {
            if (user.get("username").asText().equals(username)) {
                return user;
            }
        }
        throw new AssertionError(username + " not in " + reply);
    }

    @Test
    @DisplayName("search honours the limit")
    void searchLimit() {
        Session searcher = api.signUp("limiter");
        api.signUp("wombat");
        api.signUp("wombat");

        assertThat(api.get("/users/search?query=wombat&limit=1", searcher.token()).json()).hasSize(1);
    }

    @Test
    @DisplayName("search without a query answers 422 'Field required'")
    void searchWithoutQuery() {
        Session searcher = api.signUp("noquery");

        Expect.invalid(api.get("/users/search", searcher.token()), "query", "query", "Field required", "missing");
    }

    @Test
    @DisplayName("a blank or too long query and a bad limit are all reported")
    void searchInvalid() {
        Session searcher = api.signUp("badquery");

        Expect.invalid(api.get("/users/search?query=%20%20", searcher.token()), "query", "query",
                "query must not be empty", "value_error");
        Expect.reply(api.get("/users/search?query=" + "q".repeat(51) + "&limit=101", searcher.token()), 422, """
                {"detail": [
                  {"loc": ["query", "query"], "msg": "query must be at most 50 characters", "type": "value_error"},
                  {"loc": ["query", "limit"], "msg": "limit must be between 1 and 100", "type": "value_error"}
                ]}""");
        Expect.invalid(api.get("/users/search?query=abc&limit=ten", searcher.token()), "query", "limit",
                "Input should be a valid integer, unable to parse string as an integer", "int_parsing");
    }

    @Test
    @DisplayName("online users are those active lately, most recent first, never the caller")
    void online() {
        Session viewer = api.signUp("viewer");
        Session idle = api.signUp("idle");
        api.chat.clock.advance(Duration.ofMinutes(10));
        Session active = api.signUp("active");

        Reply reply = api.get("/users/online", viewer.token());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(usernames(reply)).contains(active.username())
                .doesNotContain(viewer.username(), idle.username());
        JsonNode first = reply.json().get(0);
        assertThat(OwnProfileTest.fieldNames(first)).containsExactly("id", "username", "display_name", "last_seen");
        assertThat(first.get("last_seen").asText()).matches(OwnProfileTest.TIMESTAMP);
    }

    @Test
    @DisplayName("the online list honours and validates its limit")
    void onlineLimit() {
        Session viewer = api.signUp("viewer");
        api.signUp("other");
        api.signUp("other");

        assertThat(api.get("/users/online?limit=1", viewer.token()).json()).hasSize(1);
        Expect.invalid(api.get("/users/online?limit=0", viewer.token()), "query", "limit",
                "limit must be between 1 and 500", "value_error");
    }

    @Test
    @DisplayName("a public profile shows no email")
    void publicProfile() {
        Session viewer = api.signUp("viewer");
        Session target = api.signUp("target");
        api.request("PATCH", "/users/me").bearer(target.token()).json("{\"timezone\": \"Asia/Tokyo\"}").send();

        Reply reply = api.get("/users/" + target.id(), viewer.token());

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(OwnProfileTest.fieldNames(body)).containsExactly("id", "username", "display_name", "avatar_url",
                "timezone", "created_at", "last_seen", "is_online");
        assertThat(body.get("id").asLong()).isEqualTo(target.id());
        assertThat(body.get("timezone").asText()).isEqualTo("Asia/Tokyo");
        assertThat(body.get("is_online").asBoolean()).isTrue();
        assertThat(reply.body()).doesNotContain("@example.com");
    }

    @Test
    @DisplayName("an unknown user answers 404 'User not found'")
    void unknownUser() {
        Session viewer = api.signUp("viewer");

        Expect.detail(api.get("/users/987654321", viewer.token()), 404, "User not found");
    }

    @Test
    @DisplayName("a non-numeric or out-of-range user id answers 422")
    void badUserId() {
        Session viewer = api.signUp("viewer");

        Expect.invalid(api.get("/users/abc", viewer.token()), "path", "user_id",
                "Input should be a valid integer, unable to parse string as an integer", "int_parsing");
        Expect.invalid(api.get("/users/0", viewer.token()), "path", "user_id",
                "user_id must be a positive integer below 2^53", "value_error");
        Expect.invalid(api.get("/users/9007199254740992", viewer.token()), "path", "user_id",
                "user_id must be a positive integer below 2^53", "value_error");
        Expect.invalid(api.get("/users/99999999999999999999999", viewer.token()), "path", "user_id",
                "user_id must be a positive integer below 2^53", "value_error");
    }
}
