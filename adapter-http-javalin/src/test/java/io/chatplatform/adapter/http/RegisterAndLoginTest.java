package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.TestServer.Reply;
import io.chatplatform.application.fixtures.InMemoryChat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("POST /register and POST /login")
class RegisterAndLoginTest {

    private final TestServer api = TestServer.start();

    @AfterAll
    void stop() {
        api.close();
    }

    private Reply register(String body) {
        return api.request("POST", "/register").json(body).send();
    }

    private Reply logIn(Map<String, String> form) {
        return api.request("POST", "/login").form(form).send();
    }

    @Test
    @DisplayName("registering answers 200 with the new account's id, username and email")
    void registers() {
        String name = InMemoryChat.uniqueName("alice");
        Reply reply = register(TestServer.json(Map.of("username", name, "email", name + "@Example.com",
                "password", "password123")));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.get("id").isIntegralNumber()).isTrue();
        Expect.reply(reply, 200, TestServer.json(Map.of("id", body.get("id").asLong(), "username", name,
                "email", name + "@Example.com")));
    }

    @Test
    @DisplayName("a username taken in another letter case answers 400 'Username or email already registered'")
    void usernameTaken() {
        var first = api.signUp("Bob");
        Reply reply = register(TestServer.json(Map.of("username", first.username().toLowerCase(),
                "email", "other_" + first.username() + "@example.com", "password", "password123")));

        Expect.detail(reply, 400, "Username or email already registered");
    }

    @Test
    @DisplayName("an email taken in another letter case answers 400")
    void emailTaken() {
        var first = api.signUp("carol");
        Reply reply = register(TestServer.json(Map.of("username", InMemoryChat.uniqueName("carol"),
                "email", first.username().toUpperCase() + "@EXAMPLE.COM", "password", "password123")));

        Expect.detail(reply, 400, "Username or email already registered");
    }

    @Test
    @DisplayName("an invalid username answers 422 naming the field and the rule")
    void invalidUsername() {
        Reply reply = register("""
                {"username": "a b", "email": "ab@example.com", "password": "password123"}""");

        Expect.invalid(reply, "body", "username",
                "username must be 3 to 50 characters: letters, digits or underscore", "value_error");
    }

    @Test
    @DisplayName("every invalid field of a registration is reported at once")
    void allInvalidFields() {
        Reply reply = register("""
                {"username": "x", "email": "not-an-email", "password": "short"}""");

        Expect.reply(reply, 422, """
                {"detail": [
                  {"loc": ["body", "username"], "msg": "username must be 3 to 50 characters: letters, digits or underscore", "type": "value_error"},
                  {"loc": ["body", "email"], "msg": "email must be a valid email address", "type": "value_error"},
                  {"loc": ["body", "password"], "msg": "password must be at least 8 characters", "type": "value_error"}
                ]}""");
    }

    @Test
    @DisplayName("missing fields are each reported as 'Field required'")
    void missingFields() {
        Reply reply = register("{\"email\": \"x@example.com\"}");

        Expect.reply(reply, 422, """
                {"detail": [
                  {"loc": ["body", "username"], "msg": "Field required", "type": "missing"},
                  {"loc": ["body", "password"], "msg": "Field required", "type": "missing"}
                ]}""");
    }

    @Test
    @DisplayName("non-string values where strings are expected answer 422 string_type")
    void wrongTypes() {
        Reply reply = register("""
                {"username": 12345, "email": true, "password": null}""");

        Expect.reply(reply, 422, """
                {"detail": [
                  {"loc": ["body", "username"], "msg": "Input should be a valid string", "type": "string_type"},
                  {"loc": ["body", "email"], "msg": "Input should be a valid string", "type": "string_type"},
                  {"loc": ["body", "password"], "msg": "Input should be a valid string", "type": "string_type"}
                ]}""");
    }

    @Test
    @DisplayName("malformed JSON answers 422 json_invalid at the body")
    void malformedJson() {
        Reply reply = register("{\"username\": \"abc\",");

        assertThat(reply.status()).isEqualTo(422);
        JsonNode error = reply.json().get("detail").get(0);
        assertThat(error.get("loc")).isEqualTo(TestServer.parse("[\"body\"]"));
        assertThat(error.get("type").asText()).isEqualTo("json_invalid");
        assertThat(error.get("msg").asText()).startsWith("JSON decode error: ").contains("line 1");
        assertThat(reply.json().get("detail")).hasSize(1);
    }

    @Test
    @DisplayName("trailing garbage after the JSON object is malformed JSON")
    void trailingGarbage() {
        Reply reply = register("{\"username\": \"abc\"} {}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().at("/detail/0/type").asText()).isEqualTo("json_invalid");
    }

    @Test
    @DisplayName("a JSON array instead of an object answers 422 model_attributes_type")
    void arrayBody() {
        Reply reply = register("[{\"username\": \"abcdef\"}]");

        Expect.reply(reply, 422, """
                {"detail": [{"loc": ["body"], "msg": "Input should be a valid dictionary or object to extract fields from",
                             "type": "model_attributes_type"}]}""");
    }

    @Test
    @DisplayName("an empty body answers 422 'Field required' at the body")
    void emptyBody() {
        Reply reply = api.request("POST", "/register").send();

        Expect.reply(reply, 422, """
                {"detail": [{"loc": ["body"], "msg": "Field required", "type": "missing"}]}""");
    }

    @Test
    @DisplayName("logging in answers a bearer token valid for the token lifetime")
    void logsIn() {
        var user = api.signUp("dave");
        Reply reply = logIn(Map.of("username", user.username(), "password", TestServer.PASSWORD));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("access_token").asText()).isNotBlank();
        assertThat(reply.json().get("token_type").asText()).isEqualTo("bearer");
        assertThat(reply.json().get("expires_in").asLong()).isBetween(3590L, 3600L);
        assertThat(api.get("/users/me", reply.json().get("access_token").asText()).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("login ignores the other OAuth2 form fields")
    void ignoresOAuthFields() {
        var user = api.signUp("erin");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("username", user.username());
        form.put("password", TestServer.PASSWORD);
        form.put("scope", "read write");
        form.put("client_id", "legacy-app");

        assertThat(logIn(form).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a wrong password, an unknown user and a username in another case all answer the same 400")
    void wrongCredentials() {
        var user = api.signUp("frank");

        Expect.detail(logIn(Map.of("username", user.username(), "password", "wrong-password")),
                400, "Incorrect username or password");
        Expect.detail(logIn(Map.of("username", "nobody_" + user.username(), "password", TestServer.PASSWORD)),
                400, "Incorrect username or password");
        Expect.detail(logIn(Map.of("username", user.username().toUpperCase(), "password", TestServer.PASSWORD)),
                400, "Incorrect username or password");
    }

    @Test
    @DisplayName("login without fields answers 422 naming both")
    void loginMissingFields() {
        Reply reply = logIn(Map.of());

        Expect.reply(reply, 422, """
                {"detail": [
                  {"loc": ["body", "username"], "msg": "Field required", "type": "missing"},
                  {"loc": ["body", "password"], "msg": "Field required", "type": "missing"}
                ]}""");
    }

    @Test
    @DisplayName("login with empty fields answers 422 as if they were missing")
    void loginEmptyFields() {
        Reply reply = logIn(Map.of("username", "", "password", ""));

        Expect.reply(reply, 422, """
                {"detail": [
                  {"loc": ["body", "username"], "msg": "Field required", "type": "missing"},
                  {"loc": ["body", "password"], "msg": "Field required", "type": "missing"}
                ]}""");
    }
}
