package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.TestServer.Reply;
import io.chatplatform.adapter.http.TestServer.Session;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The refresh token as an HttpOnly cookie, for browsers (decision 0028): set by a login or a
 * refresh that asks with cookie=true (and then absent from the JSON), read by a refresh that names
 * no refresh_token, removed by a logout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The refresh-token cookie: POST /login and /token/refresh with cookie=true, POST /logout")
class RefreshCookieTest {

    private static final Pattern SET = Pattern.compile("chat_refresh=(rt1\\.\\d+\\.\\d+\\.[A-Za-z0-9_-]{43}); Max-Age=(\\d+);"
            + " Path=/token/refresh; HttpOnly; SameSite=Strict");

    private final TestServer api = TestServer.start();

    @AfterAll
    void stop() {
        api.close();
    }

    private Reply logIn(Session user, Map<String, String> extra) {
        Map<String, String> form = new java.util.LinkedHashMap<>(Map.of("username", user.username(), "password", TestServer.PASSWORD));
        form.putAll(extra);
        return api.request("POST", "/login").form(form).send();
    }

    /** The token a Set-Cookie hands over; fails unless it has every attribute. */
    private static String cookieOf(Reply reply) {
        String header = reply.header("set-cookie");
        assertThat(header).as("%s", reply.headers()).isNotNull();
        Matcher matcher = SET.matcher(header);
        assertThat(matcher.lookingAt()).as(header).isTrue();
        assertThat(Long.parseLong(matcher.group(2))).isEqualTo(Duration.ofDays(30).toSeconds());
        return matcher.group(1);
    }

    private Reply refreshWithCookie(String token, Map<String, String> form) {
        TestServer.Call call = api.request("POST", "/token/refresh").header("Cookie", "chat_refresh=" + token);
        if (form != null) {
            call.form(form);
        }
        return call.send();
    }

    @Test
    @DisplayName("a login with cookie=true sets the HttpOnly cookie and leaves the refresh token out of the JSON")
    void loginSetsIt() {
        Session alice = api.signUp("alice");
        Reply reply = logIn(alice, Map.of("cookie", "true"));

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        String token = cookieOf(reply);
        assertThat(token).startsWith("rt1." + alice.id() + "." + reply.json().get("session_id").asLong() + ".");
        assertThat(reply.header("set-cookie")).doesNotContain("Secure");
        JsonNode body = reply.json();
        assertThat(body.has("refresh_token")).isTrue();
        assertThat(body.get("refresh_token").isNull()).isTrue();
        assertThat(api.get("/users/me", body.get("access_token").asText()).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("without cookie=true (or with false, 0, no) nothing changes: the token is in the JSON, no cookie")
    void withoutTheFlag() {
        Session bob = api.signUp("bob");
        for (Map<String, String> extra : java.util.List.of(Map.<String, String>of(), Map.of("cookie", "false"),
                Map.of("cookie", "0"), Map.of("cookie", "no"))) {
            Reply reply = logIn(bob, extra);
            assertThat(reply.status()).as("%s", extra).isEqualTo(200);
            assertThat(reply.header("set-cookie")).as("%s", extra).isNull();
            assertThat(reply.json().get("refresh_token").asText()).startsWith("rt1.");
        }
        assertThat(cookieOf(logIn(bob, Map.of("cookie", "1")))).startsWith("rt1.");
    }

    @Test
    @DisplayName("a refresh reads the cookie when no refresh_token is sent, and rotates it; the spent one is refused")
    void refreshReadsAndRotates() {
        Session carol = api.signUp("carol");
        Reply login = logIn(carol, Map.of("cookie", "true"));
        String first = cookieOf(login);

        Reply refreshed = refreshWithCookie(first, Map.of("cookie", "true"));
        assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
        String second = cookieOf(refreshed);
        assertThat(second).isNotEqualTo(first);
        assertThat(refreshed.json().get("refresh_token").isNull()).isTrue();
        assertThat(refreshed.json().get("session_id").asLong()).isEqualTo(login.json().get("session_id").asLong());
        assertThat(api.get("/users/me", refreshed.json().get("access_token").asText()).status()).isEqualTo(200);

        // JSON works as the form does: {"cookie": true}
        Reply again = api.request("POST", "/token/refresh").header("Cookie", "chat_refresh=" + second)
                .json("{\"cookie\": true}").send();
        assertThat(again.status()).as("%s", again).isEqualTo(200);
        String third = cookieOf(again);

        Reply spent = refreshWithCookie(first, Map.of("cookie", "true"));
        assertThat(spent.status()).isEqualTo(401);
        assertThat(spent.json().get("detail").asText()).isEqualTo("Invalid refresh token");
        assertThat(third).isNotEqualTo(second);
    }

    @Test
    @DisplayName("a refresh by cookie without cookie=true answers the next token in the JSON; a refresh_token sent wins over the cookie")
    void bodyOrCookie() {
        Session dave = api.signUp("dave");
        String cookie = cookieOf(logIn(dave, Map.of("cookie", "true")));

        Reply plain = refreshWithCookie(cookie, null);
        assertThat(plain.status()).as("%s", plain).isEqualTo(200);
        assertThat(plain.header("set-cookie")).isNull();
        String next = plain.json().get("refresh_token").asText();
        assertThat(next).startsWith("rt1." + dave.id() + ".");

        Reply fieldWins = refreshWithCookie("rt1.not.a.token", Map.of("refresh_token", next));
        assertThat(fieldWins.status()).as("%s", fieldWins).isEqualTo(200);
    }

    @Test
    @DisplayName("neither a refresh_token nor the cookie is a 422 naming refresh_token; a bad cookie value is the same 401 as any")
    void neither() {
        Expect.invalid(api.request("POST", "/token/refresh").form(Map.of("cookie", "true")).send(),
                "body", "refresh_token", "Field required", "missing");
        Reply forged = refreshWithCookie("rt1.1.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", Map.of("cookie", "true"));
        Expect.detail(forged, 401, "Invalid refresh token");
        assertThat(forged.header("set-cookie")).isNull();
    }

    @Test
    @DisplayName("cookie must be a boolean: a word FastAPI reads as one in a form, true or false in JSON")
    void flagValues() {
        Session erin = api.signUp("erin");
        Expect.invalid(logIn(erin, Map.of("cookie", "maybe")), "body", "cookie",
                "Input should be a valid boolean, unable to interpret input", "bool_parsing");
        Expect.invalid(api.request("POST", "/token/refresh").json("{\"refresh_token\": \"x\", \"cookie\": \"true\"}").send(),
                "body", "cookie", "Input should be a valid boolean", "bool_type");
        assertThat(cookieOf(logIn(erin, Map.of("cookie", "YES")))).startsWith("rt1.");
    }

    @Test
    @DisplayName("over HTTPS (as a proxy reports it) the cookie is Secure")
    void secureBehindTls() {
        Session fred = api.signUp("fred");
        Reply reply = api.request("POST", "/login").header("X-Forwarded-Proto", "https")
                .form(Map.of("username", fred.username(), "password", TestServer.PASSWORD, "cookie", "true")).send();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("set-cookie")).endsWith("; Secure");
        cookieOf(reply);
    }

    @Test
    @DisplayName("a logout removes the cookie, and the session's refresh token no longer refreshes")
    void logoutClears() {
        Session gina = api.signUp("gina");
        Reply login = logIn(gina, Map.of("cookie", "true"));
        String cookie = cookieOf(login);

        Reply out = api.request("POST", "/logout").bearer(login.json().get("access_token").asText()).send();
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.header("set-cookie"))
                .isEqualTo("chat_refresh=; Max-Age=0; Path=/token/refresh; HttpOnly; SameSite=Strict");
        Expect.detail(refreshWithCookie(cookie, Map.of("cookie", "true")), 401, "Invalid refresh token");
    }

    @Test
    @DisplayName("the document shows the flag, the cookie parameter and the Set-Cookie headers")
    void documented() {
        JsonNode doc = api.get("/openapi.json").json();
        assertThat(doc.at("/paths/~1login/post/requestBody/content/application~1x-www-form-urlencoded/schema/properties/cookie/type")
                .asText()).isEqualTo("boolean");
        assertThat(doc.at("/paths/~1token~1refresh/post/requestBody/content/application~1json/schema/properties/cookie/type")
                .asText()).isEqualTo("boolean");
        boolean cookieParameter = false;
        for (JsonNode parameter : doc.at("/paths/~1token~1refresh/post/parameters")) {
            cookieParameter |= parameter.get("in").asText().equals("cookie") && parameter.get("name").asText().equals("chat_refresh");
        }
        assertThat(cookieParameter).isTrue();
        assertThat(doc.at("/paths/~1login/post/responses/200/headers/Set-Cookie").isMissingNode()).isFalse();
        assertThat(doc.at("/paths/~1token~1refresh/post/responses/200/headers/Set-Cookie").isMissingNode()).isFalse();
        assertThat(doc.at("/paths/~1logout/post/responses/204/headers/Set-Cookie").isMissingNode()).isFalse();
    }
}
