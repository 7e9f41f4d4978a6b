package io.chatplatform.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.testkit.LiveClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live delivery across service instances that share PostgreSQL and Redis, and across a restart
 * of the instance a client was connected to.
 */
class LiveDeliveryTest {

    @TempDir
    Path dataDir;

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @DisplayName("a message sent through one instance reaches a client connected to another within a second")
    void across_instances() {
        ServiceEnvironment environment = new ServiceEnvironment(dataDir);
        Map<String, String> redis = environment.sharedRedis();
        try (ChatServer one = environment.start(redis); ChatServer two = environment.start(redis)) {
            Http first = new Http(one.port());
            Http.Account alice = first.account(unique("alice"));
            Http.Account bob = first.account(unique("bob"));
            try (LiveClient bobLive = LiveClient.authenticated(two.port(), bob.token())) {
                bobLive.send("{\"type\":\"resume\",\"positions\":{}}");
                bobLive.awaitReceived(frame -> frame.path("type").asText().equals("resume.done"), Duration.ofSeconds(5));
                long sentAt = System.nanoTime();
                long id = first.postJson("/send", alice.token(), Map.of("recipient_id", bob.id(), "content", "across"))
                        .json().get("id").asLong();
                bobLive.awaitReceived(frame -> frame.path("type").asText().equals("message.created")
                        && frame.get("message").get("id").asLong() == id, Duration.ofSeconds(1));
                assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isLessThan(Duration.ofSeconds(1));
            }
        } finally {
            environment.cleanUp();
        }
    }

    @Test
    @DisplayName("after the instance it was connected to restarts, a client that resumes gets exactly what it missed, in order")
    void resume_after_restart() throws Exception {
        ServiceEnvironment environment = new ServiceEnvironment(dataDir);
        Map<String, String> redis = environment.sharedRedis();
        Http.Account alice;
        Http.Account bob;
        long lastSeen;
        ChatServer server = environment.start(redis);
        try {
            Http http = new Http(server.port());
            alice = http.account(unique("alice"));
            bob = http.account(unique("bob"));
            try (LiveClient bobLive = LiveClient.authenticated(server.port(), bob.token())) {
                bobLive.send("{\"type\":\"resume\",\"positions\":{}}");
                http.postJson("/send", alice.token(), Map.of("recipient_id", bob.id(), "content", "seen"));
                bobLive.awaitMessages(1, Duration.ofSeconds(5));
                lastSeen = bobLive.frames("message.created").get(0).get("message").get("seq").asLong();
            }
            for (int i = 0; i < 50; i++) {
                http.postJson("/send", alice.token(), Map.of("recipient_id", bob.id(), "content", "missed " + i));
            }
        } finally {
            server.close();
        }
        List<Long> sent = new ArrayList<>();
        ChatServer restarted = environment.start(redis);
        try {
            Http http = new Http(restarted.port());
            // the other 50 are sent while bob reconnects
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 50; i++) {
                    sent.add(http.postJson("/send", alice.token(), Map.of("recipient_id", bob.id(), "content", "racing " + i))
                            .json().get("id").asLong());
                }
            });
            try (LiveClient bobLive = LiveClient.authenticated(restarted.port(), bob.token())) {
                bobLive.send("{\"type\":\"resume\",\"positions\":{\"" + alice.id() + "\":" + lastSeen + "}}");
                sending.get();
                bobLive.awaitMessages(100, Duration.ofSeconds(10));
                List<Long> ids = bobLive.messageIds();
                assertThat(ids).hasSize(100);
                assertThat(new HashSet<>(ids)).hasSize(100);
                List<Long> seqs = bobLive.frames("message.created").stream()
                        .map(frame -> frame.get("message").get("seq").asLong()).toList();
                assertThat(seqs).isSorted().first().isEqualTo(lastSeen + 1);
                assertThat(ids).containsAll(sent);
            }
        } finally {
            restarted.close();
            environment.cleanUp();
        }
    }
}
