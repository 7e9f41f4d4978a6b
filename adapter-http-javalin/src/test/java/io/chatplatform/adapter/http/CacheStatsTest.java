package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.application.fixtures.InMemoryChat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GET /cache/stats")
class CacheStatsTest {

    @Test
    @DisplayName("shows the cache server's figures and this service's hits and misses per cache type")
    void with_a_cache() {
        InMemoryChat chat = new InMemoryChat(true);
        try (TestServer api = TestServer.start(chat, chat.app, TestServer.HEALTHY, TestServer.settings())) {
            TestServer.Session alice = api.signUp("alice");
            TestServer.Session bob = api.signUp("bob");
            api.send(alice, bob, "hi");
            api.get("/messages?with_user_id=" + alice.id(), bob.token());
            api.get("/messages?with_user_id=" + alice.id(), bob.token());

            var reply = api.get("/cache/stats");
            assertThat(reply.status()).isEqualTo(200);
            JsonNode stats = reply.json();
            assertThat(stats.get("backend").asText()).isEqualTo("in-memory");
            assertThat(stats.get("available").asBoolean()).isTrue();
            assertThat(stats.get("circuit").asText()).isEqualTo("closed");
            assertThat(stats.has("connected_clients")).isTrue();
            assertThat(stats.get("used_memory").isNull()).isTrue();
            assertThat(stats.get("keyspace_hits").asLong()).isPositive();
            JsonNode history = stats.get("service").get("by_type").get("history");
            assertThat(history.get("hits").asLong()).isEqualTo(1);
            assertThat(history.get("misses").asLong()).isEqualTo(1);
            assertThat(history.get("hit_ratio").asDouble()).isEqualTo(0.5);
            assertThat(stats.get("service").get("hits").asLong()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    @DisplayName("says so when the service runs without a cache, and needs no token")
    void without_a_cache() {
        try (TestServer api = TestServer.start()) {
            JsonNode stats = api.get("/cache/stats").json();
            assertThat(stats.get("backend").asText()).isEqualTo("disabled");
            assertThat(stats.get("available").asBoolean()).isFalse();
            assertThat(stats.get("keyspace_hits").isNull()).isTrue();
            assertThat(stats.get("service").get("hit_ratio").asDouble()).isZero();
        }
    }
}
