package io.chatplatform.bootstrap;

import static io.chatplatform.testkit.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus (Debian's) scrapes a running instance on loopback; the request counter this
 * test caused is then in Prometheus. CI sets CHAT_TEST_REQUIRE_PROMETHEUS so that a missing
 * Prometheus fails there instead of skipping.
 */
class PrometheusScrapeTest {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

    @Test
    @DisplayName("Prometheus scrapes /metrics and finds the requests this test made")
    void real_scrape(@TempDir Path dir) throws Exception {
        if (System.getenv("CHAT_TEST_REQUIRE_PROMETHEUS") == null) {
            Assumptions.assumeTrue(Files.isExecutable(PROMETHEUS), "Debian's prometheus is not installed");
        }
        ServiceEnvironment environment = new ServiceEnvironment(dir.resolve("data"));
        try (ChatServer server = environment.start(Map.of())) {
            Http http = new Http(server.port());
            for (int i = 0; i < 7; i++) {
                assertThat(http.get("/health/live", null).status()).isEqualTo(200);
            }
            int promPort = freePort();
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                    scrape_configs:
                      - job_name: chat
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(server.port()));
            Process prometheus = new ProcessBuilder(PROMETHEUS.toString(),
                    "--config.file=" + dir.resolve("prometheus.yml"),
                    "--storage.tsdb.path=" + dir.resolve("tsdb"),
                    "--web.listen-address=127.0.0.1:" + promPort)
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("prometheus.log").toFile())
                    .start();
            try {
                Http api = new Http(promPort);
                String query = "/api/v1/query?query=" + java.net.URLEncoder.encode(
                        "sum(chat_http_requests_total{job=\"chat\",route=\"/health/live\",status=\"200\"})",
                        java.nio.charset.StandardCharsets.UTF_8);
                Path log = dir.resolve("prometheus.log");
                // failures while Prometheus is still starting are retried, the last one is reported with its log
                eventually("Prometheus counting the 7 requests").atMost(Duration.ofSeconds(45))
                        .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                        .untilAsserted(() -> assertThat(api.get(query, null).json().path("data").path("result")
                                .path(0).path("value").path(1).asDouble())
                                .as("requests counted by Prometheus; its log:%n%s", Files.readString(log))
                                .isGreaterThanOrEqualTo(7));
            } finally {
                prometheus.destroy();
                prometheus.waitFor(10, TimeUnit.SECONDS);
            }
        } finally {
            environment.cleanUp();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
