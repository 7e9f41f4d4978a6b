package io.chatplatform.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.testkit.LiveClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conversation's change stream end to end, with the real service (PostgreSQL, Redis, HTTP,
 * WebSocket): what a participant misses while offline (edits, deletions, reactions, new messages)
 * is replayed to them exactly once and in order when they resume, also after the instance they
 * were connected to restarted, and live across instances.
 */
class ChangeStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String THUMBS_UP = "👍";
    private static final String FAMILY = "👩‍👩‍👧‍👦";

    @TempDir
    Path dataDir;

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String path(String emoji) {
        return URLEncoder.encode(emoji, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Three messages alice sent bob, which bob's connection saw; returns their ids and the last position bob saw. */
    private record Seen(List<Long> ids, long lastPosition) {
    }

    private static Seen sendThreeWhileBobWatches(Http http, int port, Http.Account alice, Http.Account bob) {
        try (LiveClient bobLive = LiveClient.authenticated(port, bob.token())) {
            bobLive.send("{\"type\":\"resume\",\"change_positions\":{}}");
            bobLive.expect("resume.done");
            List<Long> ids = List.of(send(http, alice, bob, "one"), send(http, alice, bob, "two"), send(http, alice, bob, "three"));
            bobLive.awaitMessages(3, WAIT);
            List<JsonNode> created = bobLive.frames("message.created");
            assertThat(created).extracting(frame -> frame.get("message").get("id").asLong()).containsExactlyElementsOf(ids);
            return new Seen(ids, created.get(2).get("change_seq").asLong());
        }
    }

    private static long send(Http http, Http.Account from, Http.Account to, String content) {
        Http.Reply sent = http.postJson("/send", from.token(), Map.of("recipient_id", to.id(), "content", content));
        assertThat(sent.status()).isEqualTo(200);
        return sent.json().get("id").asLong();
    }

    /** Alice edits the first, deletes the second, reacts to the third and sends a fourth; returns the fourth's id. */
    private static long changeWhileBobIsAway(Http http, Http.Account alice, Http.Account bob, List<Long> ids) {
        assertThat(http.patchJson("/messages/" + ids.get(0), alice.token(), Map.of("content", "one, edited")).status())
                .isEqualTo(200);
        assertThat(http.delete("/messages/" + ids.get(1), alice.token()).status()).isEqualTo(204);
        assertThat(http.put("/messages/" + ids.get(2) + "/reactions/" + path(FAMILY), alice.token()).status()).isEqualTo(200);
        return send(http, alice, bob, "four");
    }

    /** Resumes bob from {@code after} and checks that exactly alice's four changes arrive, in order, once. */
    private static void resumeAndExpectTheFourChanges(int port, Http.Account alice, Http.Account bob, long after,
                                                      List<Long> ids, long fourth) {
        try (LiveClient bobLive = LiveClient.authenticated(port, bob.token())) {
            bobLive.send("{\"type\":\"resume\",\"change_positions\":{\"" + alice.id() + "\":" + after + "}}");
            JsonNode done = bobLive.await(frame -> frame.path("type").asText().equals("resume.done"), "resume.done");
            assertThat(done.get("replayed").asInt()).isEqualTo(4);
            List<JsonNode> changes = bobLive.all().stream().filter(frame -> frame.has("change_seq")).toList();
            assertThat(changes).extracting(frame -> frame.get("type").asText())
                    .containsExactly("message.updated", "message.deleted", "reaction.updated", "message.created");
            assertThat(changes).extracting(frame -> frame.get("change_seq").asLong())
                    .containsExactly(after + 1, after + 2, after + 3, after + 4);
            assertThat(changes.get(0).get("message").get("content").asText()).isEqualTo("one, edited");
            assertThat(changes.get(0).get("message").get("edited_at").isNull()).isFalse();
            assertThat(changes.get(1).get("message").get("id").asLong()).isEqualTo(ids.get(1));
            assertThat(changes.get(1).get("message").get("content").isNull()).isTrue();
            assertThat(changes.get(1).get("for").asText()).isEqualTo("everyone");
            assertThat(changes.get(2).get("message").get("reactions").get(0).get("emoji").asText()).isEqualTo(FAMILY);
            assertThat(changes.get(3).get("message").get("id").asLong()).isEqualTo(fourth);
            assertThat(changes.get(3).get("message").get("seq").asLong()).as("a message's seq still counts messages")
                    .isEqualTo(4);
            bobLive.expectSilence(Duration.ofMillis(300));
        }
    }

    @Test
    @DisplayName("bob offline: alice edits, deletes, reacts and sends; bob resumes and gets exactly those changes, in order")
    void offline_changes_are_replayed_in_order() {
        ServiceEnvironment environment = new ServiceEnvironment(dataDir);
        try (ChatServer server = environment.start(Map.of())) {
            Http http = new Http(server.port());
            Http.Account alice = http.account(unique("alice"));
            Http.Account bob = http.account(unique("bob"));
            Seen seen = sendThreeWhileBobWatches(http, server.port(), alice, bob);
            long fourth = changeWhileBobIsAway(http, alice, bob, seen.ids());

            resumeAndExpectTheFourChanges(server.port(), alice, bob, seen.lastPosition(), seen.ids(), fourth);
        } finally {
            environment.cleanUp();
        }
    }

    @Test
    @DisplayName("a client that counts messages only resumes from a message seq and gets the changes after it")
    void a_client_of_message_seqs_resumes_too() {
        ServiceEnvironment environment = new ServiceEnvironment(dataDir);
        try (ChatServer server = environment.start(Map.of())) {
            Http http = new Http(server.port());
            Http.Account alice = http.account(unique("alice"));
            Http.Account bob = http.account(unique("bob"));
            Seen seen = sendThreeWhileBobWatches(http, server.port(), alice, bob);
            changeWhileBobIsAway(http, alice, bob, seen.ids());

            try (LiveClient bobLive = LiveClient.authenticated(server.port(), bob.token())) {
                bobLive.send("{\"type\":\"resume\",\"positions\":{\"" + alice.id() + "\":3}}");
                assertThat(bobLive.await(frame -> frame.path("type").asText().equals("resume.done"), "resume.done")
                        .get("replayed").asInt()).isEqualTo(4);
                assertThat(bobLive.frames("message.created")).extracting(frame -> frame.get("message").get("seq").asLong())
                        .containsExactly(4L);
            }
        } finally {
            environment.cleanUp();
        }
    }

    @Test
    @DisplayName("the same after the instance bob was connected to restarted")
    void offline_changes_survive_a_restart() {
        ServiceEnvironment environment = new ServiceEnvironment(dataDir);
        Map<String, String> redis = environment.sharedRedis();
        try {
            Http.Account alice;
            Http.Account bob;
            Seen seen;
            long fourth;
            try (ChatServer server = environment.start(redis)) {
                Http http = new Http(server.port());
                alice = http.account(unique("alice"));
                bob = http.account(unique("bob"));
                seen = sendThreeWhileBobWatches(http, server.port(), alice, bob);
                fourth = changeWhileBobIsAway(http, alice, bob, seen.ids());
            }
            try (ChatServer restarted = environment.start(redis)) {
                resumeAndExpectTheFourChanges(restarted.port(), alice, bob, seen.lastPosition(), seen.ids(), fourth);
            }
        } finally {
            environment.cleanUp();
        }
    }

    @Test
    @DisplayName("across two instances: changes made through one reach a client of the other live, in order, with ticks")
    void across_instances() {
        try (TwoInstances instances = TwoInstances.start(dataDir, Map.of())) {
            Http.Account alice = instances.one.account(unique("alice"));
            Http.Account bob = instances.one.account(unique("bob"));
            long first = send(instances.one, alice, bob, "hello");
            try (LiveClient aliceLive = LiveClient.authenticated(instances.second().port(), alice.token());
                 LiveClient bobLive = LiveClient.authenticated(instances.second().port(), bob.token())) {
                aliceLive.send("{\"type\":\"resume\",\"change_positions\":{\"" + bob.id() + "\":1}}");
                bobLive.send("{\"type\":\"resume\",\"change_positions\":{\"" + alice.id() + "\":1}}");
                aliceLive.expect("resume.done");
                bobLive.expect("resume.done");

                instances.one.patchJson("/messages/" + first, alice.token(), Map.of("content", "hello, edited"));
                instances.one.put("/messages/" + first + "/reactions/" + path(THUMBS_UP), bob.token());
                instances.one.delete("/messages/" + first + "/reactions/" + path(THUMBS_UP), bob.token());
                bobLive.send("{\"type\":\"ack\",\"user_id\":" + alice.id() + ",\"seq\":1}");

                JsonNode delivered = aliceLive.await(frame -> frame.path("type").asText().equals("message.delivered"),
                        "alice told that bob received her message");
                assertThat(delivered.get("up_to_seq").asLong()).isEqualTo(1);
                List<JsonNode> aliceChanges = aliceLive.all().stream().filter(frame -> frame.has("change_seq")).toList();
                assertThat(aliceChanges).extracting(frame -> frame.get("type").asText())
                        .containsExactly("message.updated", "reaction.updated", "reaction.updated", "message.delivered");
                assertThat(aliceChanges).extracting(frame -> frame.get("change_seq").asLong()).containsExactly(2L, 3L, 4L, 5L);
                assertThat(aliceChanges.get(1).get("message").get("reactions").get(0).get("user_ids").get(0).asLong())
                        .isEqualTo(bob.id());
                assertThat(aliceChanges.get(2).get("message").get("reactions")).isEmpty();

                JsonNode list = instances.two.get("/conversations", alice.token()).json();
                assertThat(list.get(0).get("peer_delivered_up_to_seq").asLong()).isEqualTo(1);
                assertThat(list.get(0).get("peer_read_up_to_seq").asLong()).isZero();
                assertThat(list.get(0).get("last_message_preview").asText()).isEqualTo("hello, edited");
            }
        }
    }

    @Test
    @DisplayName("deleting for everyone erases the text from every table; the peer's history keeps a tombstone")
    void deletion_erases_the_text() throws Exception {
        ServiceEnvironment environment = new ServiceEnvironment(dataDir);
        try (ChatServer server = environment.start(Map.of())) {
            Http http = new Http(server.port());
            Http.Account alice = http.account(unique("alice"));
            Http.Account bob = http.account(unique("bob"));
            String secret = "secret-" + UUID.randomUUID();
            long id = send(http, alice, bob, secret + " v1");
            http.patchJson("/messages/" + id, alice.token(), Map.of("content", secret + " v2"));
            http.put("/messages/" + id + "/reactions/" + path(THUMBS_UP), bob.token());
            assertThat(http.delete("/messages/" + id, alice.token()).status()).isEqualTo(204);

            JsonNode history = http.get("/messages?with_user_id=" + alice.id(), bob.token()).json();
            assertThat(history).hasSize(1);
            assertThat(history.get(0).get("content").isNull()).isTrue();
            assertThat(history.get(0).get("deleted_at").isNull()).isFalse();
            assertThat(history.get(0).get("seq").asLong()).isEqualTo(1);
            assertThat(http.get("/messages/" + id + "/edits", bob.token()).json()).isEmpty();
            assertThat(environment.tablesContaining(secret)).isEmpty();
        } finally {
            environment.cleanUp();
        }
    }
}
