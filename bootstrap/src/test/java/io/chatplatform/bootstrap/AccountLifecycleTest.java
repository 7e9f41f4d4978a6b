package io.chatplatform.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.testkit.LiveClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions, blocking and account deletion end to end, with the real service on two instances
 * sharing PostgreSQL and Redis, as behind a load balancer: an ending on one instance is seen by
 * the other at once, blocks hold on both, and a deleted account leaves nothing of its text in any
 * table.
 */
class AccountLifecycleTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int UNAUTHORIZED_CLOSE = 4401;

    @TempDir
    Path dataDir;

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A login's answer: the tokens of a new session. */
    private record Login(long userId, String access, String refresh, long session) {
    }

    private static Login login(Http http, String username) {
        Http.Reply reply = http.postForm("/login", Map.of("username", username, "password", "password123"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode json = reply.json();
        Http.Reply me = http.get("/users/me", json.get("access_token").asText());
        return new Login(me.json().get("id").asLong(), json.get("access_token").asText(), json.get("refresh_token").asText(),
                json.get("session_id").asLong());
    }

    private static Http.Reply send(Http http, String token, long to, String content) {
        return http.postJson("/send", token, Map.of("recipient_id", to, "content", content));
    }

    @Test
    @DisplayName("a logout on one instance is refused on the other at once, and closes that session's socket there")
    void logout_reaches_the_other_instance() {
        try (TwoInstances instances = TwoInstances.start(dataDir, Map.of())) {
            String name = unique("alice");
            instances.one.account(name);
            Login phone = login(instances.one, name);
            Login laptop = login(instances.one, name);
            // both instances have the session cached as active
            assertThat(instances.two.get("/users/me", phone.access()).status()).isEqualTo(200);
            assertThat(instances.one.get("/users/me", phone.access()).status()).isEqualTo(200);
            try (LiveClient phoneLive = LiveClient.authenticated(instances.second().port(), phone.access());
                 LiveClient laptopLive = LiveClient.authenticated(instances.second().port(), laptop.access())) {
                phoneLive.send("{\"type\":\"ping\"}");
                phoneLive.expect("pong");

                assertThat(instances.one.postJson("/logout", phone.access(), Map.of()).status()).isEqualTo(204);

                // refused at once where it ended, and on the other instance within a second
                assertThat(instances.one.get("/users/me", phone.access()).status()).isEqualTo(401);
                await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                        .until(() -> instances.two.get("/users/me", phone.access()).status() == 401);
                assertThat(instances.two.get("/users/me", phone.access()).header("WWW-Authenticate")).startsWith("Bearer");
                assertThat(phoneLive.awaitClose(WAIT).code()).isEqualTo(UNAUTHORIZED_CLOSE);
                // the other session of the same user is untouched
                assertThat(instances.two.get("/users/me", laptop.access()).status()).isEqualTo(200);
                laptopLive.send("{\"type\":\"ping\"}");
                laptopLive.expect("pong");
                // and the ended session's refresh token is dead too
                assertThat(instances.two.postForm("/token/refresh", Map.of("refresh_token", phone.refresh())).status())
                        .isEqualTo(401);
            }
        }
    }

    @Test
    @DisplayName("refresh rotates across instances; a stolen refresh token used after the owner's ends the session for both")
    void refresh_reuse_across_instances_ends_the_session() {
        try (TwoInstances instances = TwoInstances.start(dataDir, Map.of())) {
            String name = unique("carol");
            instances.one.account(name);
            Login owner = login(instances.one, name);

            Http.Reply thief = instances.two.postForm("/token/refresh", Map.of("refresh_token", owner.refresh()));
            assertThat(thief.status()).isEqualTo(200);
            String thiefAccess = thief.json().get("access_token").asText();
            String thiefRefresh = thief.json().get("refresh_token").asText();
            assertThat(instances.one.get("/users/me", thiefAccess).status()).isEqualTo(200);

            // the owner presents the spent token later than the duplicate grace: a theft
            await().pollDelay(Duration.ofMillis(5_200)).atMost(WAIT).until(() -> true);
            assertThat(instances.one.postForm("/token/refresh", Map.of("refresh_token", owner.refresh())).status())
                    .isEqualTo(401);
            assertThat(instances.two.postForm("/token/refresh", Map.of("refresh_token", thiefRefresh)).status())
                    .isEqualTo(401);
            assertThat(instances.one.get("/users/me", owner.access()).status()).isEqualTo(401);
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> instances.two.get("/users/me", thiefAccess).status() == 401);
        }
    }

    @Test
    @DisplayName("a password change ends every other session on every instance, and keeps the one that made it")
    void password_change_ends_the_other_sessions() {
        try (TwoInstances instances = TwoInstances.start(dataDir, Map.of())) {
            String name = unique("dave");
            instances.one.account(name);
            Login kept = login(instances.one, name);
            Login other = login(instances.two, name);
            assertThat(instances.two.get("/users/me", other.access()).status()).isEqualTo(200);

            Http.Reply changed = instances.one.patchJson("/users/me", kept.access(),
                    Map.of("current_password", "password123", "new_password", "another-password-1"));
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> instances.two.get("/users/me", other.access()).status() == 401);
            assertThat(instances.two.get("/users/me", kept.access()).status()).isEqualTo(200);
            Http.Reply sessions = instances.two.get("/sessions", kept.access());
            assertThat(sessions.json()).hasSize(1);
            assertThat(sessions.json().get(0).get("current").asBoolean()).isTrue();
        }
    }

    @Test
    @DisplayName("a block holds on both instances: send refused, typing and presence hidden both ways, lists filtered; unblock restores")
    void blocking_on_two_instances() {
        try (TwoInstances instances = TwoInstances.start(dataDir, Map.of())) {
            String aliceName = unique("alice");
            String bobName = unique("bob");
            Http.Account alice = instances.one.account(aliceName);
            Http.Account bob = instances.two.account(bobName);
            assertThat(send(instances.one, alice.token(), bob.id(), "hello bob").status()).isEqualTo(200);
            assertThat(send(instances.two, bob.token(), alice.id(), "hello alice").status()).isEqualTo(200);

            try (LiveClient aliceLive = LiveClient.authenticated(instances.second().port(), alice.token());
                 LiveClient bobLive = LiveClient.authenticated(instances.second().port(), bob.token())) {
                aliceLive.send("{\"type\":\"resume\",\"change_positions\":{}}");
                aliceLive.await(frame -> frame.path("type").asText().equals("resume.done"), "resume.done");
                bobLive.send("{\"type\":\"resume\",\"change_positions\":{}}");
                bobLive.await(frame -> frame.path("type").asText().equals("resume.done"), "resume.done");

                // alice (on instance one) blocks bob
                assertThat(instances.one.put("/users/" + bob.id() + "/block", alice.token()).status()).isEqualTo(204);
                Http.Reply blockedSend = send(instances.two, bob.token(), alice.id(), "are you there?");
                assertThat(blockedSend.status()).isEqualTo(403);
                assertThat(blockedSend.json().get("detail").asText()).isEqualTo("You cannot message this user");
                assertThat(send(instances.two, alice.token(), bob.id(), "bye").status()).isEqualTo(403);
                // each was told the other went offline
                JsonNode bobSeesAlice = bobLive.await(frame -> frame.path("type").asText().equals("presence")
                        && frame.path("user_id").asLong() == alice.id(), "alice's presence");
                assertThat(bobSeesAlice.get("online").asBoolean()).isFalse();

                aliceLive.drain();
                bobLive.drain();
                bobLive.send("{\"type\":\"typing\",\"user_id\":" + alice.id() + "}");
                aliceLive.send("{\"type\":\"typing\",\"user_id\":" + bob.id() + "}");
                aliceLive.expectSilence(Duration.ofMillis(500));
                bobLive.expectSilence(Duration.ofMillis(300));

                // the blocker is absent from bob's search and online list; history stays readable
                assertThat(instances.one.get("/users/search?query=" + aliceName, bob.token()).json()).isEmpty();
                assertThat(instances.one.get("/users/online?limit=100", bob.token()).json())
                        .noneMatch(user -> user.get("id").asLong() == alice.id());
                assertThat(instances.one.get("/users/online?limit=100", alice.token()).json())
                        .noneMatch(user -> user.get("id").asLong() == bob.id());
                assertThat(instances.two.get("/messages?with_user_id=" + alice.id(), bob.token()).json()).hasSize(2);
                assertThat(instances.two.get("/users/me/blocks", alice.token()).json())
                        .extracting(user -> user.get("username").asText()).containsExactly(bobName);

                // unblock on the other instance: everything is back
                assertThat(instances.two.delete("/users/" + bob.id() + "/block", alice.token()).status()).isEqualTo(204);
                bobLive.await(frame -> frame.path("type").asText().equals("presence")
                        && frame.path("user_id").asLong() == alice.id() && frame.path("online").asBoolean(), "alice online again");
                assertThat(send(instances.one, bob.token(), alice.id(), "hi again").status()).isEqualTo(200);
                bobLive.send("{\"type\":\"typing\",\"user_id\":" + alice.id() + "}");
                aliceLive.await(frame -> frame.path("type").asText().equals("typing"), "bob typing");
                assertThat(instances.one.get("/users/search?query=" + aliceName, bob.token()).json()).hasSize(1);
                assertThat(instances.one.get("/users/online?limit=100", bob.token()).json())
                        .anyMatch(user -> user.get("id").asLong() == alice.id());
            }
        }
    }

    @Test
    @DisplayName("a deleted account: login fails, the peer keeps tombstones, no table holds its text, its names stay taken")
    void deletion_leaves_nothing_of_the_text() throws Exception {
        ServiceEnvironment environment = new ServiceEnvironment(dataDir);
        // small steps, so that the erasure of this account takes several
        try (ChatServer server = environment.start(Map.of())) {
            Http http = new Http(server.port());
            String name = unique("erin");
            Http.Account erin = http.account(name);
            Http.Account peer = http.account(unique("frank"));
            Http.Account other = http.account(unique("gina"));
            String marker = "secret-" + UUID.randomUUID();
            List<Long> sent = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Http.Reply reply = send(http, erin.token(), i % 2 == 0 ? peer.id() : other.id(), marker + " #" + i);
                sent.add(reply.json().get("id").asLong());
            }
            assertThat(http.patchJson("/messages/" + sent.get(0), erin.token(), Map.of("content", marker + " edited")).status())
                    .isEqualTo(200);
            assertThat(send(http, peer.token(), erin.id(), "a reply from frank").status()).isEqualTo(200);
            assertThat(environment.tablesContaining(marker)).isNotEmpty();

            assertThat(http.deleteJson("/users/me", erin.token(), Map.of("password", "wrong-password")).status())
                    .isEqualTo(403);
            assertThat(http.deleteJson("/users/me", erin.token(), Map.of("password", "password123")).status())
                    .isEqualTo(204);

            assertThat(http.get("/users/me", erin.token()).status()).isEqualTo(401);
            assertThat(http.postForm("/login", Map.of("username", name, "password", "password123")).status()).isEqualTo(400);
            assertThat(http.postJson("/register", null, Map.of("username", name, "email", "fresh-" + name + "@example.com",
                    "password", "password123")).status()).isEqualTo(400);
            await().atMost(WAIT).untilAsserted(() -> assertThat(environment.tablesContaining(marker)).isEmpty());
            assertThat(environment.tablesContaining(name)).as("the username is only in the reservation tables")
                    .allMatch(table -> table.equals("usernames") || table.equals("emails"));

            JsonNode history = http.get("/messages?with_user_id=" + erin.id() + "&limit=100", peer.token()).json();
            assertThat(history).hasSize(16);
            assertThat(history).filteredOn(message -> message.get("sender_id").asLong() == erin.id())
                    .hasSize(15)
                    .allMatch(message -> message.get("content").isNull() && !message.get("deleted_at").isNull());
            JsonNode conversations = http.get("/conversations", peer.token()).json();
            JsonNode withErin = null;
            for (JsonNode entry : conversations) {
                if (entry.get("user_id").asLong() == erin.id()) {
                    withErin = entry;
                }
            }
            assertThat(withErin).isNotNull();
            assertThat(withErin.get("peer_deleted").asBoolean()).isTrue();
            assertThat(withErin.get("username").asText()).isEqualTo("deleted_user");
        } finally {
            environment.cleanUp();
        }
    }

    @Test
    @DisplayName("the export of a user with many conversations streams every conversation and message")
    void export_streams_everything() {
        ServiceEnvironment environment = new ServiceEnvironment(dataDir);
        try (ChatServer server = environment.start(Map.of("CHAT_RATE_LIMITS", "off"))) {
            Http http = new Http(server.port());
            Http.Account hub = http.account(unique("hub"));
            int peers = 12;
            for (int i = 0; i < peers; i++) {
                Http.Account peer = http.account(unique("p" + i));
                for (int m = 0; m < 15; m++) {
                    assertThat(send(http, peer.token(), hub.id(), "to hub " + i + "/" + m).status()).isEqualTo(200);
                }
            }
            Http.Reply export = http.get("/users/me/export", hub.token());
            assertThat(export.status()).isEqualTo(200);
            assertThat(export.raw().headers().firstValue("Content-Length")).isEmpty();
            JsonNode document = export.json();
            assertThat(document.get("profile").get("id").asLong()).isEqualTo(hub.id());
            assertThat(document.get("sessions")).hasSize(1);
            assertThat(document.get("conversations")).hasSize(peers);
            int messages = 0;
            for (JsonNode conversation : document.get("conversations")) {
                messages += conversation.get("messages").size();
            }
            assertThat(messages).isEqualTo(peers * 15);
        } finally {
            environment.cleanUp();
        }
    }
}
