package io.chatplatform.bootstrap;

import static io.chatplatform.testkit.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.testkit.LiveClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The running service seen by an operator: its metrics after real traffic, and its JSON logs.
 * Leaves the scrape in target/metrics-scrape.prom, where CI checks that every metric the
 * dashboard and the alert rules use exists.
 */
class ObservabilityTest {

    private static final String PASSWORD = "Sup3r-secret-passw0rd";
    private static final String CONTENT = "the launch code is 0000-top-secret";
    private static final Pattern LABEL = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");

    @TempDir
    static Path dataDir;
    private static ServiceEnvironment environment;
    private static ChatServer server;
    private static Http http;
    private static ByteArrayOutputStream logs;
    private static OutputStreamAppender<ILoggingEvent> appender;
    private static String token;
    private static long messageId;
    private static long aliceId;
    private static long bobId;

    @BeforeAll
    static void start() throws Exception {
        logs = new ByteArrayOutputStream();
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        // the encoder logback.xml configured for CHAT_LOG_FORMAT=json, so its field names are tested
        var configured = (OutputStreamAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("stdout");
        LogstashEncoder encoder = (LogstashEncoder) configured.getEncoder();
        appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(logs);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);

        environment = new ServiceEnvironment(dataDir);
        server = environment.start(environment.sharedRedis());
        http = new Http(server.port());
        String alice = "alice_" + System.nanoTime() % 1_000_000;
        String bob = "bob_" + System.nanoTime() % 1_000_000;
        aliceId = http.postJson("/register", null, Map.of("username", alice, "email", alice + "@example.com",
                "password", PASSWORD)).json().get("id").asLong();
        token = http.postForm("/login", Map.of("username", alice, "password", PASSWORD)).json().get("access_token").asText();
        Http.Account bobAccount = http.account(bob);
        bobId = bobAccount.id();
        http.postForm("/login", Map.of("username", alice, "password", "wrong-" + PASSWORD));
        messageId = http.postJson("/send", token, Map.of("recipient_id", bobId, "content", CONTENT)).json().get("id").asLong();
        http.get("/messages?with_user_id=" + bobId + "&token=" + token, null);
        http.get("/messages?with_user_id=" + aliceId, bobAccount.token());
        http.get("/messages?with_user_id=" + aliceId, bobAccount.token());
        http.postJson("/messages/" + messageId + "/read", bobAccount.token(), "");
        http.get("/users/" + bobId, token);
        http.get("/conversations", token);
        http.get("/no/such/" + messageId, null);
        try (LiveClient live = LiveClient.authenticated(server.port(), bobAccount.token())) {
            live.send("{\"type\":\"ping\"}");
            live.expect("pong");
            http.postJson("/send", token, Map.of("recipient_id", bobId, "content", "live"));
            live.awaitMessages(1, java.time.Duration.ofSeconds(5));
        }
    }

    @AfterAll
    static void stop() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        if (server != null) {
            server.close();
        }
        environment.cleanUp();
    }

    @Test
    @DisplayName("a scrape after traffic has every series operators chart, and no label carries an id, a token or a raw path")
    void metrics() throws Exception {
        var reply = http.get("/metrics", null);
        assertThat(reply.status()).isEqualTo(200);
        String scrape = reply.body();
        Files.writeString(Path.of("target", "metrics-scrape.prom"), scrape);
        assertThat(scrape).contains("chat_http_requests_total{", "chat_http_request_duration_seconds_bucket{",
                "chat_messages_sent_total", "chat_registrations_total", "chat_logins_total{outcome=\"invalid_credentials\"}",
                "chat_cache_requests_total{cache=\"history\",outcome=\"hit\"}", "chat_cache_operation_duration_seconds_bucket{",
                "chat_cache_available 1.0", "chat_db_pool_connections{state=\"active\"}", "chat_db_statement_duration_seconds_bucket{",
                "chat_websocket_connections", "chat_websocket_events_total{", "jvm_memory_used_bytes");

        Set<String> routes = new HashSet<>();
        List<String> values = new ArrayList<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            Matcher label = LABEL.matcher(line);
            while (label.find()) {
                values.add(label.group(1) + "=" + label.group(2));
                if (label.group(1).equals("route")) {
                    routes.add(label.group(2));
                }
            }
        }
        Set<String> ids = new HashSet<>(List.of(Long.toString(messageId), Long.toString(aliceId), Long.toString(bobId)));
        for (String value : values) {
            assertThat(value).as("label %s", value).doesNotContain(token).doesNotContain(PASSWORD).doesNotContain(CONTENT);
            String labelValue = value.substring(value.indexOf('=') + 1);
            if (!value.startsWith("le=") && !value.startsWith("status=")) {
                assertThat(ids).as("label %s", value).doesNotContain(labelValue);
            }
        }
        assertThat(routes).contains("/send", "/messages/{message_id}/read", "/users/{user_id}", "unmatched")
                .allMatch(route -> route.equals("unmatched") || !route.matches(".*\\d.*"));
    }

    @Test
    @DisplayName("logs are JSON lines with request id, route, status, duration and user, and never a password, token or content")
    void logs() throws Exception {
        String output = logs.toString(StandardCharsets.UTF_8);
        assertThat(output).doesNotContain(PASSWORD).doesNotContain(token).doesNotContain(CONTENT);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : output.split("\n")) {
            lines.add(Http.JSON.readTree(line));
        }
        JsonNode send = lines.stream()
                .filter(line -> "/send".equals(line.path("route").asText()) && line.has("user_id"))
                .findFirst().orElseThrow(() -> new AssertionError("no access log line for /send in\n" + output));
        assertThat(send.get("timestamp").asText()).endsWith("Z");
        assertThat(send.get("level").asText()).isEqualTo("INFO");
        assertThat(send.get("logger").asText()).contains("AccessLog");
        assertThat(send.get("request_id").asText()).isNotBlank();
        assertThat(send.get("status").asText()).isEqualTo("200");
        assertThat(send.get("duration_ms").asText()).matches("\\d+\\.\\d");
        assertThat(send.get("user_id").asText()).isEqualTo(Long.toString(aliceId));
    }

    @Test
    @DisplayName("a request id sent by the caller comes back and is the one logged")
    void request_id() {
        var reply = http.get("/health", null);
        assertThat(reply.header("X-Request-Id")).isNotBlank();
        String id = reply.header("X-Request-Id");
        eventually("the request id in a log line").atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(logs.toString(StandardCharsets.UTF_8)).contains("\"request_id\":\"" + id + "\""));
    }
}
