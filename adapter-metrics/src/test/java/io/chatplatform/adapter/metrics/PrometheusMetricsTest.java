package io.chatplatform.adapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.port.out.ChangeKind;
import io.chatplatform.application.port.out.PoolUsage;
import io.chatplatform.domain.cache.CacheType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {

    private final PrometheusMetrics metrics = new PrometheusMetrics()
            .watchDatabasePool(() -> new PoolUsage(3, 7, 1, 10))
            .watchCache(() -> true);

    private String scrape(String accept) {
        return new String(metrics.scrape(accept).body(), StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("reports become the documented series, with bounded labels")
    void series() {
        metrics.httpRequest("GET", "/messages", 200, Duration.ofMillis(12));
        metrics.httpRequest("BREW", null, 404, Duration.ofMillis(1));
        metrics.messageSent();
        metrics.messageChanged(ChangeKind.EDIT);
        metrics.messageChanged(ChangeKind.EDIT);
        metrics.messageChanged(ChangeKind.DELETE_FOR_ME);
        metrics.userRegistered();
        metrics.login(true);
        metrics.login(false);
        metrics.cacheLookup(CacheType.HISTORY_PAGE, "hit");
        metrics.cacheOperation("get", Duration.ofNanos(300_000));
        metrics.cacheFailure();
        metrics.statement("PAGE_NEWEST", Duration.ofMillis(2));
        metrics.liveConnection(true);
        metrics.liveConnection(true);
        metrics.liveConnection(false);
        metrics.liveEvent("message.created", true);
        metrics.liveEvent("typing", false);
        metrics.libraryError("presence_sweep");

        String text = scrape(null);
        assertThat(text)
                .contains("chat_http_requests_total{method=\"GET\",route=\"/messages\",status=\"200\"} 1.0")
                .contains("chat_http_requests_total{method=\"OTHER\",route=\"unmatched\",status=\"404\"} 1.0")
                .contains("chat_http_request_duration_seconds_bucket{method=\"GET\",route=\"/messages\",le=\"0.025\"} 1")
                .contains("chat_messages_sent_total 1.0")
                .contains("chat_message_changes_total{kind=\"edit\"} 2.0")
                .contains("chat_message_changes_total{kind=\"delete_for_me\"} 1.0")
                .contains("chat_message_changes_total{kind=\"react\"} 0.0")
                .contains("chat_registrations_total 1.0")
                .contains("chat_logins_total{outcome=\"success\"} 1.0")
                .contains("chat_logins_total{outcome=\"invalid_credentials\"} 1.0")
                .contains("chat_cache_requests_total{cache=\"history\",outcome=\"hit\"} 1.0")
                .contains("chat_cache_requests_total{cache=\"profile\",outcome=\"miss\"} 0.0")
                .contains("chat_cache_operation_duration_seconds_count{operation=\"get\"} 1")
                .contains("chat_cache_failures_total 1.0")
                .contains("chat_cache_available 1.0")
                .contains("chat_db_statement_duration_seconds_count{statement=\"PAGE_NEWEST\"} 1")
                .contains("chat_db_pool_connections{state=\"active\"} 3.0")
                .contains("chat_db_pool_connections{state=\"pending\"} 1.0")
                .contains("chat_db_pool_max_connections 10.0")
                .contains("chat_websocket_connections 1.0")
                .contains("chat_internal_errors_total{where=\"presence_sweep\"} 1.0")
                .contains("chat_internal_errors_total{where=\"event_listener\"} 0.0")
                .contains("chat_websocket_events_total{outcome=\"delivered\",type=\"message.created\"} 1.0")
                .contains("chat_websocket_events_total{outcome=\"dropped\",type=\"typing\"} 1.0")
                .contains("jvm_memory_used_bytes")
                .contains("jvm_threads_current");
    }

    @Test
    @DisplayName("message changes are counted per kind, every kind shown from the start at 0 and no other label value")
    void message_changes_per_kind() {
        metrics.messageChanged(ChangeKind.REACT);
        metrics.messageChanged(ChangeKind.UNREACT);
        metrics.messageChanged(ChangeKind.REACT);

        List<String> lines = scrape(null).lines().filter(line -> line.startsWith("chat_message_changes_total{")).toList();

        assertThat(lines).containsExactlyInAnyOrder(
                "chat_message_changes_total{kind=\"edit\"} 0.0",
                "chat_message_changes_total{kind=\"delete_for_everyone\"} 0.0",
                "chat_message_changes_total{kind=\"delete_for_me\"} 0.0",
                "chat_message_changes_total{kind=\"react\"} 2.0",
                "chat_message_changes_total{kind=\"unreact\"} 1.0",
                "chat_message_changes_total{kind=\"delivered\"} 0.0");
        assertThat(lines).hasSize(ChangeKind.values().length);
        assertThat(scrape(null)).contains("# TYPE chat_message_changes_total counter");
    }

    @Test
    @DisplayName("token refreshes are counted per outcome, every known outcome shown from the start at 0, anything else as other")
    void token_refreshes() {
        metrics.tokenRefresh("refreshed");
        metrics.tokenRefresh("refreshed");
        metrics.tokenRefresh("reused");
        metrics.tokenRefresh("whatever a newer service says");
        metrics.tokenRefresh(null);

        List<String> lines = scrape(null).lines().filter(line -> line.startsWith("chat_token_refreshes_total{")).toList();

        assertThat(lines).containsExactlyInAnyOrder(
                "chat_token_refreshes_total{outcome=\"refreshed\"} 2.0",
                "chat_token_refreshes_total{outcome=\"malformed\"} 0.0",
                "chat_token_refreshes_total{outcome=\"unknown\"} 0.0",
                "chat_token_refreshes_total{outcome=\"expired\"} 0.0",
                "chat_token_refreshes_total{outcome=\"reused\"} 1.0",
                "chat_token_refreshes_total{outcome=\"duplicate\"} 0.0",
                "chat_token_refreshes_total{outcome=\"other\"} 2.0");
        assertThat(scrape(null)).contains("# TYPE chat_token_refreshes_total counter");
    }

    @Test
    @DisplayName("ended sessions are counted by reason, by how many ended at once; none ended counts nothing")
    void sessions_ended() {
        metrics.sessionsEnded("logout", 1);
        metrics.sessionsEnded("revoked", 4);
        metrics.sessionsEnded("password_change", 2);
        metrics.sessionsEnded("revoked", 0);
        metrics.sessionsEnded("stolen", 3);

        List<String> lines = scrape(null).lines().filter(line -> line.startsWith("chat_sessions_ended_total{")).toList();

        assertThat(lines).containsExactlyInAnyOrder(
                "chat_sessions_ended_total{reason=\"logout\"} 1.0",
                "chat_sessions_ended_total{reason=\"revoked\"} 4.0",
                "chat_sessions_ended_total{reason=\"password_change\"} 2.0",
                "chat_sessions_ended_total{reason=\"reuse\"} 0.0",
                "chat_sessions_ended_total{reason=\"expired\"} 0.0",
                "chat_sessions_ended_total{reason=\"account_deleted\"} 0.0",
                "chat_sessions_ended_total{reason=\"other\"} 3.0");
        assertThat(scrape(null)).contains("# TYPE chat_sessions_ended_total counter");
    }

    @Test
    @DisplayName("Prometheus text by default, OpenMetrics when asked")
    void formats() {
        assertThat(metrics.scrape(null).contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(metrics.scrape("application/openmetrics-text; version=1.0.0").contentType())
                .startsWith("application/openmetrics-text");
        assertThat(scrape("application/openmetrics-text; version=1.0.0")).endsWith("# EOF\n");
    }

    @Test
    @DisplayName("without a cache there is no cache availability gauge")
    void no_cache() {
        String text = new String(new PrometheusMetrics().watchDatabasePool(() -> new PoolUsage(0, 0, 0, 1)).scrape(null).body(),
                StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("chat_cache_available").contains("chat_db_pool_max_connections 1.0");
    }
}
