package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.TestServer.Reply;
import io.chatplatform.adapter.http.TestServer.Session;
import io.chatplatform.adapter.http.TestServer.Tokens;
import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.domain.limit.Bandwidth;
import io.chatplatform.domain.limit.LimitedAction;
import io.chatplatform.domain.limit.RateLimit;
import io.chatplatform.domain.limit.RateLimits;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Sessions: POST /login, POST /token/refresh, POST /logout, GET and DELETE /sessions")
class SessionsTest {

    private static final String INVALID = "Invalid refresh token";

    private final TestServer api = TestServer.start();

    @AfterAll
    void stop() {
        api.close();
    }

    private static Reply refreshForm(TestServer server, String token) {
        return server.request("POST", "/token/refresh").form(Map.of("refresh_token", token)).send();
    }

    private Reply refreshForm(String token) {
        return refreshForm(api, token);
    }

    private Reply refreshJson(String token) {
        return api.request("POST", "/token/refresh").json(TestServer.json(Map.of("refresh_token", token))).send();
    }

    private Tokens logIn(Session user, String userAgent) {
        return api.logInTokens(user.username(), TestServer.PASSWORD, userAgent);
    }

    private static void expectInvalid(Reply reply) {
        Expect.detail(reply, 401, INVALID);
        assertThat(reply.header("www-authenticate")).isEqualTo("Bearer");
    }

    private static void expectRefused(Reply reply) {
        Expect.detail(reply, 401, "Could not validate credentials");
    }

    private List<Long> sessionIds(String token) {
        Reply reply = api.get("/sessions", token);
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json().findValues("id").stream().map(JsonNode::asLong).toList();
    }

    @Test
    @DisplayName("a login answers the access token, its lifetime, a refresh token and the new session's id")
    void loginShape() {
        Session alice = api.signUp("alice");
        Reply reply = api.request("POST", "/login")
                .form(Map.of("username", alice.username(), "password", TestServer.PASSWORD)).send();

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(OwnProfileTest.fieldNames(body))
                .containsExactly("access_token", "token_type", "expires_in", "refresh_token", "session_id");
        assertThat(body.get("token_type").asText()).isEqualTo("bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(Duration.ofMinutes(60).toSeconds());
        assertThat(body.get("refresh_token").asText()).matches("rt1\\." + alice.id() + "\\." + body.get("session_id").asLong()
                + "\\.[A-Za-z0-9_-]{43}");
        assertThat(api.get("/users/me", body.get("access_token").asText()).status()).isEqualTo(200);
        assertThat(sessionIds(body.get("access_token").asText())).contains(body.get("session_id").asLong());
    }

    @Test
    @DisplayName("a refresh token, form-encoded or JSON, gives the same session's next pair; the old access token still holds")
    void refreshes() {
        Session bob = api.signUp("bob");
        Tokens first = logIn(bob, null);

        Reply formReply = refreshForm(first.refresh());
        assertThat(formReply.status()).as("%s", formReply).isEqualTo(200);
        Tokens second = Tokens.of(formReply);
        assertThat(OwnProfileTest.fieldNames(formReply.json()))
                .containsExactly("access_token", "token_type", "expires_in", "refresh_token", "session_id");
        assertThat(second.session()).isEqualTo(first.session());
        assertThat(second.refresh()).isNotEqualTo(first.refresh());
        assertThat(second.access()).isNotEqualTo(first.access());

        Reply jsonReply = api.request("POST", "/token/refresh")
                .bytes("application/json; charset=utf-8", TestServer.json(Map.of("refresh_token", second.refresh()))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).send();
        assertThat(jsonReply.status()).as("%s", jsonReply).isEqualTo(200);
        Tokens third = Tokens.of(jsonReply);
        assertThat(third.session()).isEqualTo(first.session());

        assertThat(api.get("/users/me", third.access()).json().get("id").asLong()).isEqualTo(bob.id());
        // an access token lives its lifetime: the session stands, so the earlier one is still good
        assertThat(api.get("/users/me", first.access()).status()).isEqualTo(200);
        // signUp's login is a session of its own
        assertThat(sessionIds(third.access())).hasSize(2).contains(first.session());
    }

    @Test
    @DisplayName("a missing, empty or non-string refresh_token is a 422 naming it; no body at all too")
    void badInputs() {
        Expect.invalid(api.request("POST", "/token/refresh").form(Map.of("other", "x")).send(),
                "body", "refresh_token", "Field required", "missing");
        Expect.invalid(refreshForm(""), "body", "refresh_token", "Field required", "missing");
        Expect.invalid(refreshJson(""), "body", "refresh_token", "refresh_token must not be empty", "value_error");
        Expect.invalid(api.request("POST", "/token/refresh").json("{\"refresh_token\": 12}").send(),
                "body", "refresh_token", "Input should be a valid string", "string_type");
        Expect.invalid(api.request("POST", "/token/refresh").json("{}").send(),
                "body", "refresh_token", "Field required", "missing");
        Expect.invalid(api.request("POST", "/token/refresh").send(), "body", "refresh_token", "Field required", "missing");
        // refresh_token is optional in the document (a browser sends the cookie instead), so an empty JSON
        // body is not itself missing: the token is
        Expect.invalid(api.request("POST", "/token/refresh").json("").send(), "body", "refresh_token", "Field required",
                "missing");
        assertThat(api.request("POST", "/token/refresh").json("{\"refresh_token\": ").send().json()
                .at("/detail/0/type").asText()).isEqualTo("json_invalid");
    }

    @Test
    @DisplayName("a malformed, forged or foreign refresh token is the same 401 with WWW-Authenticate, and the session stands")
    void refusedTokens() {
        Session carol = api.signUp("carol");
        Session dave = api.signUp("dave");
        Tokens tokens = logIn(carol, null);
        String secret = tokens.refresh().substring(tokens.refresh().lastIndexOf('.') + 1);
        String forgedSecret = (secret.charAt(0) == 'A' ? "B" : "A") + secret.substring(1);

        expectInvalid(refreshForm("not-a-token"));
        expectInvalid(refreshJson("rt1.1.1.short"));
        expectInvalid(refreshForm("rt1." + carol.id() + "." + tokens.session() + "." + forgedSecret));
        // carol's secret under dave's name: the session is looked up by the ids in the token
        expectInvalid(refreshForm("rt1." + dave.id() + "." + tokens.session() + "." + secret));
        expectInvalid(refreshForm("rt1." + carol.id() + ".9007199254740991." + secret));
        expectInvalid(refreshForm("x".repeat(5_000)));

        // none of it touched carol's session
        assertThat(api.get("/users/me", tokens.access()).status()).isEqualTo(200);
        assertThat(refreshForm(tokens.refresh()).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a spent refresh token presented again is 401 and ends the session: the thief's later refresh and every token of it are refused")
    void reuseEndsTheSession() {
        Session erin = api.signUp("erin");
        Tokens stolen = logIn(erin, null);
        Tokens other = logIn(erin, null);
        // the thief refreshes first
        Tokens thief = Tokens.of(refreshForm(stolen.refresh()));
        // past the grace for duplicates, the owner presents the token the thief spent
        api.chat.clock.advance(Duration.ofSeconds(6));

        expectInvalid(refreshForm(stolen.refresh()));
        expectInvalid(refreshForm(thief.refresh()));
        expectRefused(api.get("/users/me", thief.access()));
        expectRefused(api.get("/users/me", stolen.access()));
        // only that session ended
        assertThat(sessionIds(other.access())).hasSize(2).contains(other.session()).doesNotContain(stolen.session());
        expectInvalid(refreshForm(stolen.refresh()));
    }

    @Test
    @DisplayName("a spent token presented again within seconds (a duplicate request) is refused, but the session stands")
    void duplicateWithinGrace() {
        Session frank = api.signUp("frank");
        Tokens first = logIn(frank, null);
        Tokens next = Tokens.of(refreshForm(first.refresh()));

        expectInvalid(refreshForm(first.refresh()));

        assertThat(api.get("/users/me", next.access()).status()).isEqualTo(200);
        assertThat(refreshForm(next.refresh()).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a refresh token unused for 30 days no longer refreshes")
    void expiredRefreshToken() {
        try (TestServer server = TestServer.start()) {
            Session grace = server.signUp("grace");
            Tokens tokens = server.logInTokens(grace.username(), TestServer.PASSWORD, null);
            server.chat.clock.advance(Duration.ofDays(30).plusSeconds(1));

            Expect.detail(refreshForm(server, tokens.refresh()), 401, INVALID);
        }
    }

    @Test
    @DisplayName("logout answers 204; that session's access and refresh tokens are refused after it, the user's other session is not")
    void logout() {
        Session heidi = api.signUp("heidi");
        Tokens leaving = logIn(heidi, null);
        Tokens staying = logIn(heidi, null);

        Reply reply = api.request("POST", "/logout").bearer(leaving.access()).send();

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.bytes()).isEmpty();
        expectRefused(api.get("/users/me", leaving.access()));
        expectRefused(api.request("POST", "/logout").bearer(leaving.access()).send());
        expectInvalid(refreshForm(leaving.refresh()));
        assertThat(api.get("/users/me", staying.access()).status()).isEqualTo(200);
        assertThat(sessionIds(staying.access())).hasSize(2).contains(staying.session())
                .doesNotContain(leaving.session());
    }

    @Test
    @DisplayName("GET /sessions lists the caller's sessions, most recently used first, with user agent and current; never another user's")
    void listsSessions() {
        Session ivan = api.signUp("ivan");
        Session judy = api.signUp("judy");
        api.chat.clock.advance(Duration.ofSeconds(1));
        Tokens phone = logIn(ivan, "ChatApp/2.1 (Android 15)");
        api.chat.clock.advance(Duration.ofSeconds(1));
        Tokens laptop = logIn(ivan, "Mozilla/5.0 (X11; Linux x86_64)");

        Reply reply = api.get("/sessions", phone.access());

        assertThat(reply.status()).isEqualTo(200);
        JsonNode sessions = reply.json();
        List<Long> ids = sessions.findValues("id").stream().map(JsonNode::asLong).toList();
        // signUp's own login first of all, then the phone, then the laptop: newest use first
        assertThat(ids).hasSize(3).startsWith(laptop.session(), phone.session());
        JsonNode latest = sessions.get(0);
        assertThat(OwnProfileTest.fieldNames(latest))
                .containsExactly("id", "created_at", "last_used_at", "user_agent", "current");
        assertThat(latest.get("user_agent").asText()).isEqualTo("Mozilla/5.0 (X11; Linux x86_64)");
        assertThat(latest.get("current").asBoolean()).isFalse();
        assertThat(latest.get("created_at").asText()).matches(OwnProfileTest.TIMESTAMP);
        assertThat(latest.get("last_used_at").asText()).matches(OwnProfileTest.TIMESTAMP);
        JsonNode caller = sessions.get(1);
        assertThat(caller.get("user_agent").asText()).isEqualTo("ChatApp/2.1 (Android 15)");
        assertThat(caller.get("current").asBoolean()).isTrue();
        assertThat(sessions.findValues("current").stream().filter(JsonNode::asBoolean)).hasSize(1);
        assertThat(sessionIds(judy.token())).hasSize(1).doesNotContainAnyElementsOf(ids);
    }

    @Test
    @DisplayName("DELETE /sessions/{id} ends one session of the caller; another user's, an unknown or an ended one is 404; a non-numeric id 422")
    void endsOneSession() {
        Session kim = api.signUp("kim");
        Session leo = api.signUp("leo");
        Tokens lost = logIn(kim, "LostPhone/1");
        Tokens here = logIn(kim, null);
        Tokens leos = logIn(leo, null);

        Expect.detail(api.request("DELETE", "/sessions/" + leos.session()).bearer(here.access()).send(), 404,
                "Session not found");
        assertThat(api.get("/users/me", leos.access()).status()).as("leo's session stands").isEqualTo(200);
        Expect.detail(api.request("DELETE", "/sessions/9007199254740991").bearer(here.access()).send(), 404,
                "Session not found");
        Expect.invalid(api.request("DELETE", "/sessions/abc").bearer(here.access()).send(), "path", "session_id",
                "Input should be a valid integer, unable to parse string as an integer", "int_parsing");
        Expect.invalid(api.request("DELETE", "/sessions/0").bearer(here.access()).send(), "path", "session_id",
                "session_id must be a positive integer below 2^53", "value_error");

        Reply reply = api.request("DELETE", "/sessions/" + lost.session()).bearer(here.access()).send();

        assertThat(reply.status()).isEqualTo(204);
        expectRefused(api.get("/users/me", lost.access()));
        expectInvalid(refreshForm(lost.refresh()));
        assertThat(sessionIds(here.access())).doesNotContain(lost.session()).contains(here.session());
        Expect.detail(api.request("DELETE", "/sessions/" + lost.session()).bearer(here.access()).send(), 404,
                "Session not found");
    }

    @Test
    @DisplayName("DELETE /sessions ends every session of the caller but the current one")
    void endsOtherSessions() {
        Session mia = api.signUp("mia");
        Tokens one = logIn(mia, null);
        Tokens two = logIn(mia, null);
        Tokens current = logIn(mia, null);

        assertThat(api.request("DELETE", "/sessions").bearer(current.access()).send().status()).isEqualTo(204);

        expectRefused(api.get("/users/me", mia.token()));
        expectRefused(api.get("/users/me", one.access()));
        expectInvalid(refreshForm(two.refresh()));
        assertThat(sessionIds(current.access())).containsExactly(current.session());
        // nothing else to end is no error
        assertThat(api.request("DELETE", "/sessions").bearer(current.access()).send().status()).isEqualTo(204);
        assertThat(refreshForm(current.refresh()).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a password change ends every other session of the caller; the one that made it stands")
    void passwordChangeEndsOtherSessions() {
        Session nina = api.signUp("nina");
        Tokens elsewhere = logIn(nina, null);
        Tokens changing = logIn(nina, null);

        Reply reply = api.request("PATCH", "/users/me").bearer(changing.access())
                .json(TestServer.json(Map.of("current_password", TestServer.PASSWORD, "new_password", "brand-new-pass")))
                .send();

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        expectRefused(api.get("/users/me", elsewhere.access()));
        expectRefused(api.get("/users/me", nina.token()));
        expectInvalid(refreshForm(elsewhere.refresh()));
        assertThat(api.get("/users/me", changing.access()).status()).isEqualTo(200);
        assertThat(sessionIds(changing.access())).containsExactly(changing.session());
        // a profile change alone ends nothing
        Tokens again = api.logInTokens(nina.username(), "brand-new-pass", null);
        assertThat(api.request("PATCH", "/users/me").bearer(again.access())
                .json("{\"display_name\": \"Nina\"}").send().status()).isEqualTo(200);
        assertThat(api.get("/users/me", changing.access()).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("refreshes per address and session requests per user are limited: 429 with Retry-After")
    void rateLimited() {
        RateLimits limits = RateLimits.none()
                .with(new RateLimit(LimitedAction.TOKEN_REFRESHES_PER_ADDRESS, List.of(Bandwidth.of(2, Duration.ofMinutes(1)))))
                .with(new RateLimit(LimitedAction.SESSION_REQUESTS_PER_USER, List.of(Bandwidth.of(2, Duration.ofMinutes(1)))));
        InMemoryChat chat = new InMemoryChat(false, limits);
        try (TestServer server = TestServer.start(chat, chat.app, TestServer.HEALTHY, TestServer.settings())) {
            Session olga = server.signUp("olga");
            Tokens tokens = server.logInTokens(olga.username(), TestServer.PASSWORD, null);
            Tokens next = Tokens.of(refreshForm(server, tokens.refresh()));
            expectInvalid(refreshForm(server, "not-a-token"));

            expectTooMany(refreshForm(server, next.refresh()));
            // the refused refresh spent nothing
            assertThat(server.get("/users/me", next.access()).status()).isEqualTo(200);

            assertThat(server.get("/sessions", olga.token()).status()).isEqualTo(200);
            assertThat(server.request("DELETE", "/sessions/" + tokens.session()).bearer(olga.token()).send().status())
                    .isEqualTo(204);
            expectTooMany(server.get("/sessions", olga.token()));
            expectTooMany(server.request("DELETE", "/sessions").bearer(olga.token()).send());
            expectTooMany(server.request("DELETE", "/sessions/1").bearer(olga.token()).send());
            // logging out is never limited: a client must always be able to end its session
            assertThat(server.request("POST", "/logout").bearer(olga.token()).send().status()).isEqualTo(204);
        }
    }

    private static void expectTooMany(Reply reply) {
        Expect.detail(reply, 429, "Too many requests");
        assertThat(Long.parseLong(reply.header("retry-after"))).isBetween(1L, 60L);
    }

    @Test
    @DisplayName("the refresh route needs no bearer token, and ignores a bad one")
    void noBearerNeeded() {
        Session pat = api.signUp("pat");
        Tokens tokens = logIn(pat, null);
        Map<String, String> form = new HashMap<>(Map.of("refresh_token", tokens.refresh()));

        Reply reply = api.request("POST", "/token/refresh").bearer("forged.token.value").form(form).send();

        assertThat(reply.status()).isEqualTo(200);
    }
}
