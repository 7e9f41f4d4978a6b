package io.chatplatform.bootstrap;

import static io.chatplatform.testkit.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.testkit.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Redis dies in the middle of traffic and comes back: nobody notices but the health check. */
class RedisOutageTest {

    @Test
    @DisplayName("with Redis killed mid-run no request fails, health says degraded, nothing acknowledged is lost, "
            + "a logout still holds, and once Redis is back the cache is used again")
    void survives_a_redis_outage(@TempDir Path dataDir) {
        ServiceEnvironment environment = new ServiceEnvironment(dataDir);
        try (RedisServer redis = RedisServer.started();
             ChatServer server = environment.start(Map.of("CHAT_REDIS_URL", redis.url()))) {
            Http http = new Http(server.port());
            Http.Account alice = http.account("alice");
            Http.Account bob = http.account("bob");
            List<Long> acknowledged = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                acknowledged.add(send(http, alice, bob, "before " + i));
                read(http, bob, alice);
            }
            assertThat(http.get("/health", null).json().get("status").asText()).isEqualTo("healthy");
            // a second session of alice's, known to the cache as active before the outage
            String laptop = http.postForm("/login", Map.of("username", "alice", "password", "password123")).json()
                    .get("access_token").asText();
            assertThat(http.get("/users/me", laptop).status()).isEqualTo(200);

            redis.kill();
            // logging out with the cache down: refused from PostgreSQL meanwhile
            assertThat(http.postJson("/logout", laptop, Map.of()).status()).isEqualTo(204);
            eventually("the ended session refused during the outage").atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> http.get("/users/me", laptop).status() == 401);
            for (int i = 0; i < 20; i++) {
                acknowledged.add(send(http, alice, bob, "during " + i));
                assertThat(read(http, bob, alice)).first().isEqualTo(acknowledged.get(acknowledged.size() - 1));
                assertThat(http.get("/unread-count", bob.token()).status()).isEqualTo(200);
            }
            var degraded = http.get("/health", null);
            assertThat(degraded.status()).isEqualTo(200);
            assertThat(degraded.json().get("status").asText()).isEqualTo("degraded");
            assertThat(degraded.json().get("cache").asText()).isEqualTo("unavailable");
            JsonNode duringStats = http.get("/cache/stats", null).json();
            assertThat(duringStats.get("available").asBoolean()).isFalse();
            assertThat(duringStats.get("failures").asLong()).isPositive();
            long bypasses = duringStats.get("service").get("by_type").get("history").get("bypasses").asLong();
            assertThat(bypasses).isPositive();

            redis.start();
            // reads go on meanwhile, as traffic would: the breaker probes Redis again on them
            eventually("healthy again once Redis is back").atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        read(http, bob, alice);
                        return http.get("/health", null).json().get("status").asText().equals("healthy");
                    });
            long hitsBefore = historyHits(http);
            for (int i = 0; i < 10; i++) {
                read(http, bob, alice);
            }
            assertThat(historyHits(http) - hitsBefore).as("history reads answered from Redis again").isGreaterThanOrEqualTo(8);
            // the cache's "active" from before the outage is never served again: the ending reached Redis on recovery
            assertThat(http.get("/users/me", laptop).status()).isEqualTo(401);
            assertThat(read(http, bob, alice)).containsAll(acknowledged.subList(acknowledged.size() - 20, acknowledged.size()));
            assertThat(http.get("/messages?with_user_id=" + alice.id() + "&limit=100", bob.token()).json()).hasSize(25);
        } finally {
            environment.cleanUp();
        }
    }

    private static long send(Http http, Http.Account from, Http.Account to, String text) {
        var reply = http.postJson("/send", from.token(), Map.of("recipient_id", to.id(), "content", text));
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().get("id").asLong();
    }

    private static List<Long> read(Http http, Http.Account reader, Http.Account peer) {
        var reply = http.get("/messages?with_user_id=" + peer.id(), reader.token());
        assertThat(reply.status()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        reply.json().forEach(message -> ids.add(message.get("id").asLong()));
        return ids;
    }

    private static long historyHits(Http http) {
        return http.get("/cache/stats", null).json().get("service").get("by_type").get("history").get("hits").asLong();
    }
}
