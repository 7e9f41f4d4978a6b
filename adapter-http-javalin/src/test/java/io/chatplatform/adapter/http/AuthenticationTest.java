package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.TestServer.Reply;
import io.chatplatform.adapter.http.TestServer.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Authentication")
class AuthenticationTest {

    private final TestServer api = TestServer.start();

    @AfterAll
    void stop() {
        api.close();
    }

    /**
     * Every operation of the OpenAPI document that requires bearer security, as "METHOD path":
     * its one security requirement names the scheme (public ones have none, GET /ws an optional one).
     */
    Stream<String> securedOperations() {
        List<String> operations = new ArrayList<>();
        JsonNode paths = api.get("/openapi.json").json().get("paths");
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                JsonNode security = operation.getValue().get("security");
                if (security.size() == 1 && security.get(0).has("bearerAuth")) {
                    operations.add(operation.getKey().toUpperCase() + " " + path.getKey());
                }
            }
        }
        return operations.stream();
    }

    private Reply call(String operation, String authorization) {
        String[] parts = operation.split(" ");
        String path = parts[1].replace("{user_id}", "1").replace("{message_id}", "1").replace("{session_id}", "1")
                .replace("{emoji}", TestServer.encode("👍"));
        var request = api.request(parts[0], path);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.json("{}").send();
    }

    @Test
    @DisplayName("the document declares bearer security on exactly the routes that are not public")
    void securedRoutes() {
        assertThat(securedOperations()).containsExactlyInAnyOrder(
                "GET /users/me", "PATCH /users/me", "GET /users/search", "GET /users/online", "GET /users/{user_id}",
                "POST /send", "GET /messages", "POST /messages/{message_id}/read", "PATCH /messages/{message_id}",
                "DELETE /messages/{message_id}", "GET /messages/{message_id}/edits",
                "PUT /messages/{message_id}/reactions/{emoji}", "DELETE /messages/{message_id}/reactions/{emoji}",
                "GET /conversations", "GET /unread-count", "POST /conversations/{user_id}/read",
                "POST /logout", "GET /sessions", "DELETE /sessions", "DELETE /sessions/{session_id}",
                "GET /users/me/blocks", "PUT /users/{user_id}/block", "DELETE /users/{user_id}/block",
                "DELETE /users/me", "GET /users/me/export");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("securedOperations")
    @DisplayName("without credentials a protected route answers 401 'Not authenticated' with WWW-Authenticate: Bearer")
    void missingToken(String operation) {
        Reply reply = call(operation, null);

        Expect.detail(reply, 401, "Not authenticated");
        assertThat(reply.header("www-authenticate")).isEqualTo("Bearer");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("securedOperations")
    @DisplayName("with a forged token a protected route answers 401 'Could not validate credentials'")
    void forgedToken(String operation) {
        Reply reply = call(operation, "Bearer forged.token.value");

        Expect.detail(reply, 401, "Could not validate credentials");
        assertThat(reply.header("www-authenticate")).isEqualTo("Bearer");
    }

    @Test
    @DisplayName("another scheme or an empty bearer token count as no credentials")
    void otherSchemes() {
        Expect.detail(call("GET /users/me", "Basic YWxpY2U6c2VjcmV0"), 401, "Not authenticated");
        Expect.detail(call("GET /users/me", "Bearer "), 401, "Not authenticated");
        Expect.detail(call("GET /users/me", "Bearer"), 401, "Not authenticated");
    }

    @Test
    @DisplayName("the scheme name is case-insensitive")
    void schemeCase() {
        Session user = api.signUp("casey");

        assertThat(call("GET /users/me", "bearer " + user.token()).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a token is refused once its 60 minutes are over")
    void expiredToken() {
        Session user = api.signUp("expiring");
        assertThat(api.get("/users/me", user.token()).status()).isEqualTo(200);
        try {
            api.chat.clock.advance(Duration.ofMinutes(61));

            Reply reply = api.get("/users/me", user.token());

            Expect.detail(reply, 401, "Could not validate credentials");
            assertThat(reply.header("www-authenticate")).isEqualTo("Bearer");
        } finally {
            api.chat.clock.advance(Duration.ofMinutes(-61));
        }
    }

    @Test
    @DisplayName("an authenticated request records the caller's activity")
    void recordsActivity() {
        Session user = api.signUp("lurker");
        Session watcher = api.signUp("watcher");
        api.chat.clock.advance(Duration.ofMinutes(6));
        try {
            assertThat(api.get("/users/" + user.id(), watcher.token()).json().get("is_online").asBoolean()).isFalse();

            api.get("/unread-count", user.token());

            assertThat(api.get("/users/" + user.id(), watcher.token()).json().get("is_online").asBoolean()).isTrue();
        } finally {
            api.chat.clock.advance(Duration.ofMinutes(-6));
        }
    }

    @Test
    @DisplayName("credentials are checked before the request is validated")
    void authBeforeValidation() {
        Expect.detail(api.post("/send", "not json", null), 401, "Not authenticated");
    }

    @Test
    @DisplayName("public routes need no token")
    void publicRoutes() {
        for (String path : List.of("/", "/health", "/health/live", "/metrics", "/cache/stats", "/openapi.json", "/docs",
                "/redoc")) {
            assertThat(api.get(path).status()).as(path).isEqualTo(200);
        }
    }
}
