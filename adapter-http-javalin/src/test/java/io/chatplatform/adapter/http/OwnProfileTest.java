package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.TestServer.Reply;
import io.chatplatform.adapter.http.TestServer.Session;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("GET and PATCH /users/me")
class OwnProfileTest {

    static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    private final TestServer api = TestServer.start();

    @AfterAll
    void stop() {
        api.close();
    }

    private Reply patch(Session user, String body) {
        return api.request("PATCH", "/users/me").bearer(user.token()).json(body).send();
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    @DisplayName("the own profile shows email and nulls for the parts not filled in, timestamps with milliseconds")
    void ownProfile() {
        Session user = api.signUp("grace");
        Reply reply = api.get("/users/me", user.token());

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(fieldNames(body)).containsExactly("id", "username", "email", "display_name", "avatar_url",
                "timezone", "created_at", "last_seen");
        assertThat(body.get("id").asLong()).isEqualTo(user.id());
        assertThat(body.get("username").asText()).isEqualTo(user.username());
        assertThat(body.get("email").asText()).isEqualTo(user.username() + "@example.com");
        assertThat(body.get("display_name").isNull()).isTrue();
        assertThat(body.get("avatar_url").isNull()).isTrue();
        assertThat(body.get("timezone").isNull()).isTrue();
        assertThat(body.get("created_at").asText()).matches(TIMESTAMP);
        assertThat(body.get("last_seen").asText()).matches(TIMESTAMP);
        assertThat(Instant.parse(body.get("created_at").asText())).isEqualTo(
                api.chat.users.byId(UserId.of(user.id())).orElseThrow().createdAt());
    }

    @Test
    @DisplayName("a patch sets the given fields, keeps the absent ones and ignores unknown ones")
    void setsFields() {
        Session user = api.signUp("heidi");
        patch(user, "{\"timezone\": \"Europe/Berlin\"}");

        Reply reply = patch(user, """
                {"display_name": "Heidi 🌸", "avatar_url": "https://example.com/h.png", "favourite_colour": "blue"}""");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("display_name").asText()).isEqualTo("Heidi 🌸");
        assertThat(reply.json().get("avatar_url").asText()).isEqualTo("https://example.com/h.png");
        assertThat(reply.json().get("timezone").asText()).isEqualTo("Europe/Berlin");
        assertThat(reply.json().has("favourite_colour")).isFalse();
        assertThat(api.get("/users/me", user.token()).json()).isEqualTo(reply.json());
    }

    @Test
    @DisplayName("null clears a field")
    void nullClears() {
        Session user = api.signUp("ivan");
        patch(user, "{\"display_name\": \"Ivan\", \"timezone\": \"UTC\"}");

        Reply reply = patch(user, "{\"display_name\": null}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("display_name").isNull()).isTrue();
        assertThat(reply.json().get("timezone").asText()).isEqualTo("UTC");
    }

    @Test
    @DisplayName("an empty patch changes nothing and answers the profile")
    void emptyPatch() {
        Session user = api.signUp("judy");

        assertThat(patch(user, "{}").json()).isEqualTo(api.get("/users/me", user.token()).json());
        assertThat(api.request("PATCH", "/users/me").bearer(user.token()).send().status()).isEqualTo(200);
    }

    @Test
    @DisplayName("every invalid profile field is reported at once and nothing is changed")
    void invalidFields() {
        Session user = api.signUp("mallory");
        Reply reply = patch(user, """
                {"display_name": " padded ", "avatar_url": "ftp://example.com/a.png", "timezone": "+02:00"}""");

        Expect.reply(reply, 422, """
                {"detail": [
                  {"loc": ["body", "display_name"], "msg": "display_name must not start or end with spaces", "type": "value_error"},
                  {"loc": ["body", "avatar_url"], "msg": "avatar_url must be an absolute http or https URL", "type": "value_error"},
                  {"loc": ["body", "timezone"], "msg": "timezone must be an IANA time zone name such as Europe/Berlin, or UTC", "type": "value_error"}
                ]}""");
        assertThat(api.get("/users/me", user.token()).json().get("timezone").isNull()).isTrue();
    }

    @Test
    @DisplayName("a number where a display name is expected answers 422 string_type")
    void wrongType() {
        Session user = api.signUp("niaj");

        Expect.invalid(patch(user, "{\"display_name\": 5}"), "body", "display_name",
                "Input should be a valid string", "string_type");
    }

    @Test
    @DisplayName("an array body and malformed JSON answer 422")
    void badBodies() {
        Session user = api.signUp("olivia");

        assertThat(patch(user, "[]").json().at("/detail/0/type").asText()).isEqualTo("model_attributes_type");
        assertThat(patch(user, "{\"display_name\": }").json().at("/detail/0/type").asText()).isEqualTo("json_invalid");
    }

    @Test
    @DisplayName("a password change with the current password makes the new one the only one that logs in")
    void changesPassword() {
        Session user = api.signUp("peggy");
        Reply reply = patch(user, """
                {"current_password": "password123", "new_password": "a-new-secret"}""");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(api.request("POST", "/login")
                .form(java.util.Map.of("username", user.username(), "password", "password123")).send().status())
                .isEqualTo(400);
        assertThat(api.logIn(user.username(), "a-new-secret")).isNotBlank();
    }

    @Test
    @DisplayName("a new password without the current one answers 422 naming current_password")
    void newWithoutCurrent() {
        Session user = api.signUp("rupert");

        Expect.invalid(patch(user, "{\"new_password\": \"a-new-secret\"}"), "body", "current_password",
                "Field required when new_password is given", "missing");
    }

    @Test
    @DisplayName("a current password without a new one answers 422 naming new_password")
    void currentWithoutNew() {
        Session user = api.signUp("sybil");

        Expect.invalid(patch(user, "{\"current_password\": \"password123\"}"), "body", "new_password",
                "Field required when current_password is given", "missing");
    }

    @Test
    @DisplayName("a wrong current password answers 400 and keeps the password")
    void wrongCurrent() {
        Session user = api.signUp("trent");

        Expect.detail(patch(user, "{\"current_password\": \"not-it-at-all\", \"new_password\": \"a-new-secret\"}"),
                400, "Current password is incorrect");
        assertThat(api.logIn(user.username(), TestServer.PASSWORD)).isNotBlank();
    }

    @Test
    @DisplayName("a too short new password answers 422 naming new_password")
    void shortNewPassword() {
        Session user = api.signUp("victor");

        Expect.invalid(patch(user, "{\"current_password\": \"password123\", \"new_password\": \"short\"}"),
                "body", "new_password", "new_password must be at least 8 characters", "value_error");
    }

    @Test
    @DisplayName("a valid token of an account that no longer exists answers 401 'Could not validate credentials'")
    void accountGone() {
        String token = api.chat.tokens.issue(UserId.of(9_000_000), SessionId.of(1), api.chat.clock.instant())
                .value();

        Expect.detail(api.get("/users/me", token), 401, "Could not validate credentials");
        Expect.detail(api.request("PATCH", "/users/me").bearer(token).json("{\"display_name\": \"Ghost\"}").send(),
                401, "Could not validate credentials");
    }
}
