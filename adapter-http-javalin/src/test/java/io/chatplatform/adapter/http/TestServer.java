package io.chatplatform.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatplatform.application.ChatApplication;
import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.port.in.CheckHealth;
import io.chatplatform.application.port.in.CheckHealth.DependencyState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real server on a free port in front of {@link InMemoryChat}, and a real HTTP client. The
 * application's clock is set to the wall clock, so that token lifetimes and presence read like
 * production.
 */
final class TestServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final CheckHealth HEALTHY = () -> new CheckHealth.Health(DependencyState.CONNECTED, DependencyState.CONNECTED);
    static final String PASSWORD = "password123";

    final InMemoryChat chat;
    final ChatHttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(InMemoryChat chat, ChatHttpServer server) {
        this.chat = chat;
        this.server = server;
    }

    /** Production settings, but a 429 waits only 50 ms (RateLimitsTest checks the pause itself). */
    static HttpSettings settings() {
        return new HttpSettings("127.0.0.1", 0, "1.2.3-test", false, HttpSettings.DEFAULT_MAX_REQUEST_BYTES)
                .withThrottledPause(Duration.ofMillis(50));
    }

    static TestServer start() {
        return start(settings());
    }

    /**
     * For WebSocket tests: a connection has half a second to authenticate, and token expiry is
     * checked every 50 ms, so that those tests need not wait for the production timings.
     */
    static TestServer startLive() {
        return start(settings().withWebSocket(new WebSocketSettings(Duration.ofMillis(500), Duration.ofMinutes(5),
                16 * 1024, 256, Duration.ofMillis(50))));
    }

    static TestServer start(HttpSettings settings) {
        InMemoryChat chat = new InMemoryChat();
        return start(chat, chat.app, HEALTHY, settings);
    }

    /** A server in front of {@code app} (built from, or wrapping, {@code chat}'s ports). */
    static TestServer start(InMemoryChat chat, ChatApplication app, CheckHealth health, HttpSettings settings) {
        chat.clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return new TestServer(chat, ChatHttpServer.start(settings, app, health, chat.clock));
    }

    /** As {@link #start(InMemoryChat, ChatApplication, CheckHealth, HttpSettings)}, reporting to {@code metrics}. */
    static TestServer start(InMemoryChat chat, ChatApplication app, CheckHealth health, HttpSettings settings,
                            java.time.Clock clock, io.chatplatform.application.port.out.ChatMetrics metrics,
                            io.chatplatform.application.port.in.ScrapeMetrics scrape) {
        chat.clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return new TestServer(chat, ChatHttpServer.start(settings, app, health, clock, metrics, scrape));
    }

    @Override
    public void close() {
        server.close();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    URI wsUri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + server.port() + pathAndQuery);
    }

    Call request(String method, String pathAndQuery) {
        return new Call(method, pathAndQuery);
    }

    Reply get(String pathAndQuery, String token) {
        return request("GET", pathAndQuery).bearer(token).send();
    }

    Reply get(String pathAndQuery) {
        return request("GET", pathAndQuery).send();
    }

    Reply post(String path, String jsonBody, String token) {
        return request("POST", path).bearer(token).json(jsonBody).send();
    }

    /** Registers a user with a unique name through the API and logs them in. */
    Session signUp(String prefix) {
        String username = InMemoryChat.uniqueName(prefix);
        Reply registered = request("POST", "/register")
                .json(json(Map.of("username", username, "email", username + "@example.com", "password", PASSWORD)))
                .send();
        if (registered.status() != 200) {
            throw new IllegalStateException("register failed: " + registered);
        }
        return new Session(registered.json().get("id").asLong(), username, logIn(username, PASSWORD));
    }

    /** Logs in through the API and returns the token. */
    String logIn(String username, String password) {
        Reply reply = request("POST", "/login").form(Map.of("username", username, "password", password)).send();
        if (reply.status() != 200) {
            throw new IllegalStateException("login failed: " + reply);
        }
        return reply.json().get("access_token").asText();
    }

    /** Logs in through the API as a client that calls itself {@code userAgent} (null: the HTTP client's own). */
    Tokens logInTokens(String username, String password, String userAgent) {
        Call call = request("POST", "/login").form(Map.of("username", username, "password", password));
        if (userAgent != null) {
            call.header("User-Agent", userAgent);
        }
        Reply reply = call.send();
        if (reply.status() != 200) {
            throw new IllegalStateException("login failed: " + reply);
        }
        return Tokens.of(reply);
    }

    /** Another login of {@code user}: a new session, as from another device. */
    Session anotherSession(Session user) {
        return new Session(user.id(), user.username(), logIn(user.username(), PASSWORD));
    }

    /** Sends a message through the API and returns its id. */
    long send(Session from, Session to, String content) {
        Reply reply = post("/send", json(Map.of("recipient_id", to.id(), "content", content)), from.token());
        if (reply.status() != 200) {
            throw new IllegalStateException("send failed: " + reply);
        }
        return reply.json().get("id").asLong();
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A user signed up through the API. */
    record Session(long id, String username, String token) {
    }

    /** What a login or a refresh answers. */
    record Tokens(String access, String refresh, long session) {
        static Tokens of(Reply reply) {
            JsonNode body = reply.json();
            return new Tokens(body.get("access_token").asText(), body.get("refresh_token").asText(),
                    body.get("session_id").asLong());
        }
    }

    /** An HTTP response, read whole. */
    record Reply(int status, Map<String, String> headers, byte[] bytes) {

        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return parse(body());
        }

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        @Override
        public String toString() {
            return status + " " + body();
        }
    }

    /** A request being built. */
    final class Call {
        private final HttpRequest.Builder builder;
        private final String method;
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        private Call(String method, String pathAndQuery) {
            this.method = method;
            this.builder = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
        }

        Call bearer(String token) {
            return token == null ? this : header("Authorization", "Bearer " + token);
        }

        Call header(String name, String value) {
            builder.header(name, value);
            return this;
        }

        Call json(String json) {
            return bytes("application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        Call form(Map<String, String> fields) {
            String encoded = new LinkedHashMap<>(fields).entrySet().stream()
                    .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                    .collect(Collectors.joining("&"));
            return bytes("application/x-www-form-urlencoded", encoded.getBytes(StandardCharsets.UTF_8));
        }

        Call bytes(String contentType, byte[] content) {
            builder.header("Content-Type", contentType);
            body = HttpRequest.BodyPublishers.ofByteArray(content);
            return this;
        }

        Reply send() {
            try {
                HttpResponse<byte[]> response = http.send(builder.method(method, body).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                Map<String, String> headers = new LinkedHashMap<>();
                response.headers().map().forEach((name, values) ->
                        headers.put(name.toLowerCase(java.util.Locale.ROOT), String.join(", ", values)));
                return new Reply(response.statusCode(), headers, response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
