package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.TestServer.Reply;
import io.chatplatform.adapter.http.TestServer.Session;
import io.chatplatform.testkit.LiveClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("GET /ws: edits, deletions, reactions, receipts, and a resume that replays them")
class LiveMessageChangesTest {

    private final TestServer api = TestServer.startLive();

    @AfterAll
    void stop() {
        api.close();
    }

    /** Everything the server sends until the pong that answers a ping sent now (it is answered after everything queued before it). */
    private static List<JsonNode> untilPong(LiveClient client) {
        client.send(Map.of("type", "ping"));
        List<JsonNode> received = new ArrayList<>();
        for (JsonNode frame = client.next(); !frame.path("type").asText().equals("pong"); frame = client.next()) {
            received.add(frame);
        }
        return received;
    }

    private static JsonNode frame(String type, String message, long changeSeq) {
        return TestServer.parse("{\"type\": \"" + type + "\", \"message\": " + message + ", \"change_seq\": " + changeSeq
                + "}");
    }

    private Reply edit(Session who, long message, String content) {
        return api.request("PATCH", "/messages/" + message).bearer(who.token())
                .json(TestServer.json(Map.of("content", content))).send();
    }

    private Reply reaction(String method, Session who, long message, String emoji) {
        return api.request(method, "/messages/" + message + "/reactions/" + TestServer.encode(emoji)).bearer(who.token())
                .send();
    }

    private Reply delete(Session who, long message, String query) {
        return api.request("DELETE", "/messages/" + message + query).bearer(who.token()).send();
    }

    /** The message as {@code reader} sees it in the history of the conversation with {@code peer}. */
    private JsonNode asListed(Session reader, Session peer, long message) {
        for (JsonNode listed : api.get("/messages?with_user_id=" + peer.id(), reader.token()).json()) {
            if (listed.get("id").asLong() == message) {
                return listed;
            }
        }
        throw new AssertionError("message " + message + " is not in the history of " + reader.username());
    }

    private static List<String> summary(List<JsonNode> frames) {
        List<String> summary = new ArrayList<>();
        for (JsonNode frame : frames) {
            String type = frame.get("type").asText();
            summary.add(type + (frame.has("message") ? " " + frame.at("/message/id").asLong() : "")
                    + (frame.has("for") ? " for " + frame.get("for").asText() : "")
                    + (frame.has("change_seq") ? " @" + frame.get("change_seq").asLong() : "")
                    + (frame.has("replayed") ? " " + frame.get("replayed").asInt() : ""));
        }
        return summary;
    }

    @Test
    @DisplayName("each kind of change reaches the devices that may see it as its frame, the message as the REST API answered it, change_seq contiguous")
    void everyKindOfChange() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        try (LiveClient bobs = LiveClients.live(api, bob); LiveClient alices = LiveClients.live(api, alice)) {
            long first = api.send(alice, bob, "hello");
            long second = api.send(alice, bob, "world");
            for (LiveClient device : List.of(alices, bobs)) {
                assertThat(device.expect("message.created").get("change_seq").asLong()).isEqualTo(1);
                assertThat(device.expect("message.created").get("change_seq").asLong()).isEqualTo(2);
            }

            bobs.send(Map.of("type", "ack", "user_id", alice.id(), "seq", 1));
            JsonNode delivered = TestServer.parse("""
                    {"type": "message.delivered", "recipient_id": %d, "peer_id": %d, "up_to_seq": 1, "change_seq": 3}"""
                    .formatted(bob.id(), alice.id()));
            assertThat(alices.next()).isEqualTo(delivered);
            assertThat(bobs.next()).isEqualTo(delivered);

            String markup = "<b>bold</b> & \"quoted\" \\ 👩‍💻 \u2028";
            Reply edited = edit(alice, first, markup);
            JsonNode updated = frame("message.updated", edited.body(), 4);
            assertThat(alices.next()).isEqualTo(updated);
            assertThat(bobs.next()).isEqualTo(updated);
            assertThat(updated.at("/message/content").asText()).isEqualTo(markup);

            Reply reacted = reaction("PUT", bob, first, "👍🏽");
            JsonNode reactionAdded = TestServer.parse("{\"type\": \"reaction.updated\", \"message\": " + reacted.body()
                    + ", \"user_id\": " + bob.id() + ", \"change_seq\": 5}");
            assertThat(alices.next()).isEqualTo(reactionAdded);
            assertThat(bobs.next()).isEqualTo(reactionAdded);
            Reply unreacted = reaction("DELETE", bob, first, "👍🏽");
            JsonNode reactionTaken = TestServer.parse("{\"type\": \"reaction.updated\", \"message\": " + unreacted.body()
                    + ", \"user_id\": " + bob.id() + ", \"change_seq\": 6}");
            assertThat(alices.next()).isEqualTo(reactionTaken);
            assertThat(bobs.next()).isEqualTo(reactionTaken);

            // as the sender lists it: bob's own history read would deliver messages, a change of its own
            JsonNode secondAsItIs = asListed(alice, bob, second);
            assertThat(delete(bob, second, "?for=me").status()).isEqualTo(204);
            assertThat(bobs.next()).isEqualTo(TestServer.parse("{\"type\": \"message.deleted\", \"message\": "
                    + secondAsItIs + ", \"for\": \"me\", \"change_seq\": 7}"));
            assertThat(untilPong(alices)).as("the peer is not told what bob hid").isEmpty();

            assertThat(delete(alice, first, "").status()).isEqualTo(204);
            JsonNode deleted = TestServer.parse("{\"type\": \"message.deleted\", \"message\": "
                    + asListed(alice, bob, first) + ", \"for\": \"everyone\", \"change_seq\": 8}");
            assertThat(deleted.at("/message/content").isNull()).isTrue();
            assertThat(alices.next()).isEqualTo(deleted);
            assertThat(bobs.next()).isEqualTo(deleted);

            assertThat(api.post("/conversations/" + alice.id() + "/read", "", bob.token()).status()).isEqualTo(200);
            JsonNode read = TestServer.parse("""
                    {"type": "message.read", "reader_id": %d, "peer_id": %d, "up_to_seq": 2, "change_seq": 9}"""
                    .formatted(bob.id(), alice.id()));
            assertThat(alices.next()).isEqualTo(read);
            assertThat(bobs.next()).isEqualTo(read);

            assertThat(untilPong(alices)).isEmpty();
            assertThat(untilPong(bobs)).isEmpty();
        }
    }

    @Test
    @DisplayName("an ack moves the peer's ticks: message.delivered once per move, capped at the newest message, never back")
    void ackRoundTrip() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        try (LiveClient bobs = LiveClients.live(api, bob); LiveClient alices = LiveClients.live(api, alice)) {
            api.send(alice, bob, "one");
            api.send(alice, bob, "two");
            alices.expect("message.created");
            alices.expect("message.created");
            untilPong(bobs);

            bobs.send(Map.of("type", "ack", "user_id", alice.id(), "seq", 2));
            JsonNode two = alices.expect("message.delivered");
            assertThat(two.get("up_to_seq").asLong()).isEqualTo(2);
            assertThat(two.get("recipient_id").asLong()).isEqualTo(bob.id());
            assertThat(api.get("/conversations", alice.token()).json().get(0).get("peer_delivered_up_to_seq").asLong())
                    .isEqualTo(2);

            bobs.send(Map.of("type", "ack", "user_id", alice.id(), "seq", 2)); // a repeat: nothing moves
            bobs.send(Map.of("type", "ack", "user_id", alice.id(), "seq", 1)); // back: nothing moves
            api.send(alice, bob, "three");
            alices.expect("message.created");
            bobs.send(Map.of("type", "ack", "user_id", alice.id(), "seq", 99));

            JsonNode capped = alices.next();
            assertThat(capped.get("type").asText()).isEqualTo("message.delivered");
            assertThat(capped.get("up_to_seq").asLong()).as("capped at the newest message").isEqualTo(3);
            assertThat(capped.get("change_seq").asLong()).isEqualTo(two.get("change_seq").asLong() + 2);
            assertThat(untilPong(alices)).isEmpty();
            assertThat(api.get("/conversations", alice.token()).json().get(0).get("peer_delivered_up_to_seq").asLong())
                    .isEqualTo(3);
        }
    }

    @Test
    @DisplayName("an ack of one's own messages, or of a conversation that does not exist, changes nothing and is not an error")
    void ackOfNothing() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        Session carol = api.signUp("carol");
        try (LiveClient bobs = LiveClients.live(api, bob); LiveClient alices = LiveClients.live(api, alice)) {
            api.send(bob, alice, "from bob");
            alices.expect("message.created");
            untilPong(bobs);

            bobs.send(Map.of("type", "ack", "user_id", alice.id(), "seq", 1));
            bobs.send(Map.of("type", "ack", "user_id", carol.id(), "seq", 1));
            bobs.send(Map.of("type", "ack", "user_id", bob.id(), "seq", 1));

            assertThat(untilPong(bobs)).isEmpty();
            assertThat(untilPong(alices)).isEmpty();
            assertThat(api.get("/conversations", bob.token()).json().get(0).get("peer_delivered_up_to_seq").asLong())
                    .isZero();
        }
    }

    @Test
    @DisplayName("offline edits, reactions, a new message and deletions are replayed by change_positions exactly once, in order, each message as it stands")
    void resumeReplaysChanges() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        long first;
        long second;
        long lastSeen;
        try (LiveClient bobs = LiveClients.live(api, bob)) {
            first = api.send(alice, bob, "first");
            second = api.send(alice, bob, "second");
            bobs.expect("message.created");
            lastSeen = bobs.expect("message.created").get("change_seq").asLong();
        }
        LiveClients.awaitNoConnectionOf(api, bob);

        edit(alice, first, "first, edited");                    // 3
        reaction("PUT", alice, second, "🎉");                   // 4
        long third = api.send(alice, bob, "third");              // 5
        delete(alice, second, "");                               // 6: for everyone
        delete(alice, first, "?for=me");                         // 7: alice's own view only
        edit(alice, third, "third, edited");                     // 8

        List<JsonNode> replayed;
        try (LiveClient bobs = LiveClients.authenticated(api, bob)) {
            bobs.send(Map.of("type", "resume", "change_positions", Map.of(Long.toString(alice.id()), lastSeen)));
            replayed = untilPong(bobs);
        }

        assertThat(summary(replayed)).containsExactly(
                "message.updated " + first + " @3",
                "reaction.updated " + second + " @4",
                "message.created " + third + " @5",
                "message.deleted " + second + " for everyone @6",
                "message.updated " + third + " @8",
                "resume.done 5");
        // each as it stands now: the deleted message's reaction shows its tombstone, the new one its edit
        assertThat(replayed.get(0).get("message")).isEqualTo(asListed(bob, alice, first));
        assertThat(replayed.get(1).get("message")).isEqualTo(asListed(bob, alice, second));
        assertThat(replayed.get(1).at("/message/content").isNull()).isTrue();
        assertThat(replayed.get(1).get("user_id").asLong()).isEqualTo(alice.id());
        assertThat(replayed.get(2).get("message")).isEqualTo(asListed(bob, alice, third));
        assertThat(replayed.get(2).at("/message/content").asText()).isEqualTo("third, edited");
        assertThat(replayed.get(3).get("message")).isEqualTo(asListed(bob, alice, second));
        LiveClients.awaitNoConnectionOf(api, bob);

        // the history reads above delivered the messages (change 9): a resume from 9 has nothing to replay
        try (LiveClient bobs = LiveClients.authenticated(api, bob)) {
            bobs.send(Map.of("type", "resume", "change_positions", Map.of(Long.toString(alice.id()), 9)));
            assertThat(summary(untilPong(bobs))).containsExactly("resume.done 0");
        }
    }

    @Test
    @DisplayName("a client that read the conversation list resumes from its last_change_seq and gets exactly what happened since")
    void resumeFromTheList() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        long first = api.send(alice, bob, "first");            // 1
        long second = api.send(alice, bob, "second");          // 2
        edit(alice, first, "first, edited");                    // 3

        JsonNode line = api.get("/conversations", bob.token()).json().get(0);
        assertThat(line.get("last_change_seq").asLong()).isEqualTo(3);
        assertThat(api.get("/conversations", alice.token()).json().get(0).get("last_change_seq").asLong()).isEqualTo(3);

        reaction("PUT", alice, second, "👍");                   // 4
        long third = api.send(alice, bob, "third");              // 5
        List<JsonNode> replayed;
        try (LiveClient bobs = LiveClients.authenticated(api, bob)) {
            bobs.send(Map.of("type", "resume", "change_positions",
                    Map.of(Long.toString(alice.id()), line.get("last_change_seq").asLong())));
            replayed = untilPong(bobs);
        }
        assertThat(summary(replayed)).containsExactly(
                "reaction.updated " + second + " @4",
                "message.created " + third + " @5",
                "resume.done 2");
        assertThat(api.get("/conversations", bob.token()).json().get(0).get("last_change_seq").asLong()).isEqualTo(5);
    }

    @Test
    @DisplayName("a client that counts messages only resumes with positions and gets the same changes; change_positions wins over positions")
    void oldClientsResumeToo() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        long first = api.send(alice, bob, "first");
        api.send(alice, bob, "second");
        edit(alice, first, "first, edited");
        reaction("PUT", alice, first, "👍");
        String peer = Long.toString(alice.id());

        List<List<String>> replays = new ArrayList<>();
        for (Map<String, Object> resume : List.<Map<String, Object>>of(
                Map.of("type", "resume", "positions", Map.of(peer, 2)),
                Map.of("type", "resume", "change_positions", Map.of(peer, 2)),
                Map.of("type", "resume", "positions", Map.of(peer, 0), "change_positions", Map.of(peer, 2)))) {
            try (LiveClient bobs = LiveClients.authenticated(api, bob)) {
                bobs.send(resume);
                replays.add(summary(untilPong(bobs)));
            }
            LiveClients.awaitNoConnectionOf(api, bob);
        }

        List<String> expected = List.of("message.updated " + first + " @3", "reaction.updated " + first + " @4",
                "resume.done 2");
        assertThat(replays).containsExactly(expected, expected, expected);
    }

    @Test
    @DisplayName("a deletion for me is replayed to the one who hid the message, and skipped for the other")
    void hiddenReplaysOnlyToTheHider() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        long message = api.send(alice, bob, "hide me");
        delete(bob, message, "?for=me");
        Map<String, Object> fromTheMessage = new HashMap<>(Map.of("type", "resume"));

        try (LiveClient bobs = LiveClients.authenticated(api, bob)) {
            fromTheMessage.put("change_positions", Map.of(Long.toString(alice.id()), 1));
            bobs.send(fromTheMessage);
            List<JsonNode> replayed = untilPong(bobs);
            assertThat(summary(replayed)).containsExactly("message.deleted " + message + " for me @2", "resume.done 1");
            assertThat(replayed.get(0).at("/message/content").asText()).isEqualTo("hide me");
        }
        try (LiveClient alices = LiveClients.authenticated(api, alice)) {
            fromTheMessage.put("change_positions", Map.of(Long.toString(bob.id()), 1));
            alices.send(fromTheMessage);
            assertThat(summary(untilPong(alices))).containsExactly("resume.done 0");
        }
    }
}
