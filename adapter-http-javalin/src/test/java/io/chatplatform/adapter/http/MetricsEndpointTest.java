package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.port.in.ScrapeMetrics;
import io.chatplatform.application.port.out.ChatMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GET /metrics, GET /health/live and per-request reports")
class MetricsEndpointTest {

    private final List<String> reported = new CopyOnWriteArrayList<>();
    private final ChatMetrics recording = new ChatMetrics() {
        @Override
        public void httpRequest(String method, String route, int status, Duration duration) {
            reported.add(method + " " + route + " " + status);
        }
    };
    private final ScrapeMetrics scrape = accept -> new ScrapeMetrics.Scrape(
            accept != null && accept.contains("openmetrics") ? "application/openmetrics-text; version=1.0.0" : "text/plain; version=0.0.4",
            "demo_total 1\n".getBytes(StandardCharsets.UTF_8));

    private TestServer start() {
        InMemoryChat chat = new InMemoryChat();
        return TestServer.start(chat, chat.app, TestServer.HEALTHY, TestServer.settings(), Clock.systemUTC(), recording, scrape);
    }

    @Test
    @DisplayName("every request is reported with its route template, never its raw path")
    void reports_route_templates() {
        try (TestServer api = start()) {
            TestServer.Session alice = api.signUp("alice");
            api.post("/messages/12345/read", "", alice.token());
            api.get("/users/987654", alice.token());
            api.get("/no/such/route");
            assertThat(reported).contains("POST /register 200", "POST /login 200", "POST /messages/{message_id}/read 404",
                    "GET /users/{user_id} 404", "GET unmatched 404");
            assertThat(reported).noneMatch(line -> line.contains("12345") || line.contains("987654"));
        }
    }

    @Test
    @DisplayName("the exposition is served as the metrics adapter renders it, in the format asked for, without a token")
    void serves_the_exposition() {
        try (TestServer api = start()) {
            var text = api.get("/metrics");
            assertThat(text.status()).isEqualTo(200);
            assertThat(text.header("Content-Type")).startsWith("text/plain; version=0.0.4");
            assertThat(text.body()).isEqualTo("demo_total 1\n");
            var openMetrics = api.request("GET", "/metrics").header("Accept", "application/openmetrics-text").send();
            assertThat(openMetrics.header("Content-Type")).startsWith("application/openmetrics-text");
        }
    }

    @Test
    @DisplayName("liveness answers without asking any dependency")
    void liveness() {
        InMemoryChat chat = new InMemoryChat();
        io.chatplatform.application.port.in.CheckHealth down = () -> {
            throw new IllegalStateException("liveness must not ask for health");
        };
        try (TestServer api = TestServer.start(chat, chat.app, down, TestServer.settings())) {
            var live = api.get("/health/live");
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.json().get("status").asText()).isEqualTo("alive");
        }
    }
}
