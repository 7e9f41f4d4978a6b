package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.TestServer.Reply;
import io.chatplatform.adapter.http.TestServer.Session;
import io.chatplatform.application.ChatApplication;
import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.domain.limit.Bandwidth;
import io.chatplatform.domain.limit.LimitedAction;
import io.chatplatform.domain.limit.MessageChangeLimits;
import io.chatplatform.domain.limit.RateLimit;
import io.chatplatform.domain.limit.RateLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Messages that change: PATCH, GET .../edits and DELETE /messages/{id}, reactions, replies")
class MessageChangesTest {

    /** An edit window of a minute, two earlier versions and two emoji per message: limits a test can reach. */
    static final MessageChangeLimits SMALL = new MessageChangeLimits(Optional.of(Duration.ofMinutes(1)), 2, 2);

    private static final DateTimeFormatter API_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final TestServer api = TestServer.start();
    private final TestServer limited = start(SMALL, RateLimits.none());

    @AfterAll
    void stop() {
        api.close();
        limited.close();
    }

    /** A server whose application has these limits, on the in-memory stores. */
    static TestServer start(MessageChangeLimits limits, RateLimits rateLimits) {
        InMemoryChat chat = new InMemoryChat();
        ChatApplication app = ChatApplication.builder()
                .users(chat.users)
                .messages(chat.messages)
                .sessions(chat.adapters.sessions())
                .blocks(chat.adapters.blocks())
                .eraseAccounts(chat.adapters.eraseAccounts())
                .passwordHasher(chat.hasher)
                .accessTokens(chat.tokens)
                .events(chat.events)
                .rateLimiter(chat.limiter)
                .rateLimits(rateLimits)
                .clock(chat.clock)
                .messageChangeLimits(limits)
                .build();
        return TestServer.start(chat, app, TestServer.HEALTHY, TestServer.settings());
    }

    private static Reply edit(TestServer server, Session who, Object message, String content) {
        return server.request("PATCH", "/messages/" + message).bearer(who.token())
                .json(TestServer.json(Map.of("content", content))).send();
    }

    private static Reply delete(TestServer server, Session who, Object message, String query) {
        return server.request("DELETE", "/messages/" + message + query).bearer(who.token()).send();
    }

    /** PUT or DELETE of a reaction; {@code emoji} goes into the path percent-encoded as UTF-8. */
    private static Reply reaction(TestServer server, String method, Session who, Object message, String emoji) {
        return server.request(method, "/messages/" + message + "/reactions/" + TestServer.encode(emoji))
                .bearer(who.token()).send();
    }

    private JsonNode history(Session reader, Session peer) {
        Reply reply = api.get("/messages?with_user_id=" + peer.id(), reader.token());
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json();
    }

    private JsonNode inHistory(Session reader, Session peer, long message) {
        for (JsonNode listed : history(reader, peer)) {
            if (listed.get("id").asLong() == message) {
                return listed;
            }
        }
        return null;
    }

    private JsonNode conversationWith(Session owner, Session peer) {
        for (JsonNode line : api.get("/conversations", owner.token()).json()) {
            if (line.get("user_id").asLong() == peer.id()) {
                return line;
            }
        }
        throw new AssertionError("no conversation of " + owner.username() + " with " + peer.username());
    }

    private static List<String> emoji(JsonNode message) {
        List<String> emoji = new ArrayList<>();
        message.get("reactions").forEach(reaction -> emoji.add(reaction.get("emoji").asText()));
        return emoji;
    }

    @Test
    @DisplayName("its sender edits a message: the new content and edited_at, the same in both histories; the old text is an earlier version")
    void edits() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        long message = api.send(alice, bob, "helo");
        JsonNode sent = inHistory(alice, bob, message);

        Reply edited = edit(api, alice, message, "hello");

        assertThat(edited.status()).as("%s", edited).isEqualTo(200);
        JsonNode body = edited.json();
        assertThat(body.get("content").asText()).isEqualTo("hello");
        assertThat(body.get("edited_at").asText()).matches(OwnProfileTest.TIMESTAMP);
        assertThat(Instant.parse(body.get("edited_at").asText())).isAfterOrEqualTo(Instant.parse(sent.get("created_at").asText()));
        for (String field : List.of("id", "seq", "sender_id", "recipient_id", "created_at", "client_message_id",
                "reply_to_message_id", "deleted_at", "reactions")) {
            assertThat(body.get(field)).as(field).isEqualTo(sent.get(field));
        }
        assertThat(inHistory(bob, alice, message)).isEqualTo(body);
        assertThat(inHistory(alice, bob, message)).isEqualTo(body);
        Expect.reply(api.get("/messages/" + message + "/edits", bob.token()), 200,
                "[{\"content\": \"helo\", \"edited_at\": null}]");
    }

    @Test
    @DisplayName("the edit history lists every earlier version oldest first, each with the time the edit that made it happened")
    void editHistory() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        long message = api.send(alice, bob, "one");
        api.chat.clock.advance(Duration.ofSeconds(1));
        String firstEdit = edit(api, alice, message, "two").json().get("edited_at").asText();
        api.chat.clock.advance(Duration.ofSeconds(1));
        String secondEdit = edit(api, alice, message, "three").json().get("edited_at").asText();

        assertThat(Instant.parse(secondEdit)).isAfter(Instant.parse(firstEdit));
        String expected = """
                [{"content": "one", "edited_at": null}, {"content": "two", "edited_at": "%s"}]""".formatted(firstEdit);
        Expect.reply(api.get("/messages/" + message + "/edits", alice.token()), 200, expected);
        Expect.reply(api.get("/messages/" + message + "/edits", bob.token()), 200, expected);
        Expect.reply(api.get("/messages/" + api.send(bob, alice, "never edited") + "/edits", alice.token()), 200, "[]");
    }

    @Test
    @DisplayName("an edit to the same content changes nothing: 200 with the message as it was, no earlier version")
    void sameContent() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        long message = api.send(alice, bob, "final");
        JsonNode before = inHistory(alice, bob, message);

        Expect.reply(edit(api, alice, message, "final"), 200, before.toString());
        Expect.reply(api.get("/messages/" + message + "/edits", alice.token()), 200, "[]");
    }

    @Test
    @DisplayName("only its sender edits a message or deletes it for everyone: anyone else gets the 404 of a message that does not exist")
    void onlyTheSender() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        Session eve = api.signUp("eve");
        long message = api.send(alice, bob, "mine");

        Expect.detail(edit(api, bob, message, "bob's now"), 404, "Message not found");
        Expect.detail(edit(api, eve, message, "eve's now"), 404, "Message not found");
        Expect.detail(edit(api, alice, 987654321L, "nothing"), 404, "Message not found");
        Expect.detail(delete(api, bob, message, ""), 404, "Message not found");
        Expect.detail(delete(api, bob, message, "?for=everyone"), 404, "Message not found");
        Expect.detail(delete(api, eve, message, ""), 404, "Message not found");
        Expect.detail(delete(api, alice, 987654321L, ""), 404, "Message not found");

        assertThat(inHistory(bob, alice, message).get("content").asText()).isEqualTo("mine");
    }

    @Test
    @DisplayName("a user outside the conversation gets 404 on every route, as for a message that does not exist")
    void strangerEverywhere() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        Session eve = api.signUp("eve");
        long message = api.send(alice, bob, "private");
        reaction(api, "PUT", bob, message, "👍");

        for (Object id : List.of(message, 987654321L)) {
            Expect.detail(edit(api, eve, id, "x"), 404, "Message not found");
            Expect.detail(api.get("/messages/" + id + "/edits", eve.token()), 404, "Message not found");
            Expect.detail(delete(api, eve, id, ""), 404, "Message not found");
            Expect.detail(delete(api, eve, id, "?for=me"), 404, "Message not found");
            Expect.detail(reaction(api, "PUT", eve, id, "👍"), 404, "Message not found");
            Expect.detail(reaction(api, "DELETE", eve, id, "👍"), 404, "Message not found");
        }
        Expect.invalid(api.post("/send", TestServer.json(Map.of("recipient_id", eve.id(), "content", "re",
                "reply_to_message_id", message)), eve.token()), "body", "reply_to_message_id",
                "reply_to_message_id must be a message of this conversation", "value_error");
        JsonNode unchanged = inHistory(alice, bob, message);
        assertThat(unchanged.get("content").asText()).isEqualTo("private");
        assertThat(emoji(unchanged)).containsExactly("👍");
    }

    @Test
    @DisplayName("deleted for everyone: 204, a tombstone in both histories, no earlier versions; deleting again is 204 too")
    void deleteForEveryone() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        long message = api.send(alice, bob, "oops");
        edit(api, alice, message, "oops, edited");
        reaction(api, "PUT", bob, message, "😮");
        JsonNode sent = inHistory(alice, bob, message);

        Reply deleted = delete(api, alice, message, "");

        assertThat(deleted.status()).as("%s", deleted).isEqualTo(204);
        assertThat(deleted.bytes()).isEmpty();
        JsonNode tombstone = inHistory(bob, alice, message);
        assertThat(tombstone.get("content").isNull()).isTrue();
        assertThat(tombstone.get("edited_at").isNull()).isTrue();
        assertThat(tombstone.get("deleted_at").asText()).matches(OwnProfileTest.TIMESTAMP);
        assertThat(tombstone.get("reactions")).isEmpty();
        for (String kept : List.of("id", "seq", "sender_id", "recipient_id", "created_at", "client_message_id",
                "reply_to_message_id")) {
            assertThat(tombstone.get(kept)).as(kept).isEqualTo(sent.get(kept));
        }
        assertThat(inHistory(alice, bob, message)).isEqualTo(tombstone);
        Expect.reply(api.get("/messages/" + message + "/edits", bob.token()), 200, "[]");

        assertThat(delete(api, alice, message, "?for=everyone").status()).isEqualTo(204);
        assertThat(inHistory(bob, alice, message)).isEqualTo(tombstone);
    }

    @Test
    @DisplayName("a deleted message cannot be edited or reacted to: 409 (its tombstone is in both histories, so it exists)")
    void deletedIsAConflict() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        long message = api.send(alice, bob, "gone soon");
        reaction(api, "PUT", bob, message, "👍");
        delete(api, alice, message, "");

        Expect.detail(edit(api, alice, message, "back"), 409, "Message was deleted");
        Expect.detail(edit(api, alice, message, "gone soon"), 409, "Message was deleted");
        Expect.detail(reaction(api, "PUT", bob, message, "👍"), 409, "Message was deleted");
        Expect.detail(reaction(api, "DELETE", bob, message, "👍"), 409, "Message was deleted");
        Expect.detail(edit(api, bob, message, "not bob's"), 404, "Message not found");
    }

    @Test
    @DisplayName("deleted for me: 204, gone from the caller's history only; either participant may; the sender can still delete for everyone")
    void deleteForMe() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        long fromAlice = api.send(alice, bob, "hide me");
        long fromBob = api.send(bob, alice, "and me");

        assertThat(delete(api, bob, fromAlice, "?for=me").status()).isEqualTo(204);
        assertThat(delete(api, bob, fromAlice, "?for=me").status()).as("a repeat").isEqualTo(204);
        assertThat(delete(api, alice, fromAlice, "?for=me").status()).isEqualTo(204);

        assertThat(inHistory(bob, alice, fromAlice)).isNull();
        assertThat(inHistory(bob, alice, fromBob)).isNotNull();
        assertThat(inHistory(alice, bob, fromAlice)).isNull();
        assertThat(delete(api, alice, fromAlice, "").status()).isEqualTo(204);
        assertThat(inHistory(alice, bob, fromAlice)).isNull();
    }

    @ParameterizedTest(name = "for={0}")
    @ValueSource(strings = {"bogus", "", "ME", "me,everyone", "%20me"})
    @DisplayName("for other than me or everyone is a 422 naming it, and deletes nothing")
    void badScope(String scope) {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        long message = api.send(alice, bob, "stays");

        Expect.invalid(delete(api, alice, message, "?for=" + scope), "query", "for", "for must be everyone or me",
                "value_error");
        assertThat(inHistory(bob, alice, message).get("content").asText()).isEqualTo("stays");
    }

    @Test
    @DisplayName("ids that are not numbers are a 422 naming message_id on every route")
    void nonNumericIds() {
        Session alice = api.signUp("alice");
        String notANumber = "Input should be a valid integer, unable to parse string as an integer";

        Expect.invalid(edit(api, alice, "abc", "x"), "path", "message_id", notANumber, "int_parsing");
        Expect.invalid(api.get("/messages/abc/edits", alice.token()), "path", "message_id", notANumber, "int_parsing");
        Expect.invalid(delete(api, alice, "1.5", ""), "path", "message_id", notANumber, "int_parsing");
        Expect.invalid(reaction(api, "PUT", alice, "x1", "👍"), "path", "message_id", notANumber, "int_parsing");
        Expect.invalid(reaction(api, "DELETE", alice, "0", "👍"), "path", "message_id",
                "message_id must be a positive integer below 2^53", "value_error");
    }

    @Test
    @DisplayName("an oversized, empty or missing edit is a 422 naming content, as for POST /send, and changes nothing")
    void badContent() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        long message = api.send(alice, bob, "short");

        Expect.invalid(edit(api, alice, message, "x".repeat(4001)), "body", "content",
                "content must be at most 4000 characters", "value_error");
        Expect.invalid(edit(api, alice, message, ""), "body", "content", "content must not be empty", "value_error");
        Expect.invalid(api.request("PATCH", "/messages/" + message).bearer(alice.token()).json("{}").send(),
                "body", "content", "Field required", "missing");
        assertThat(edit(api, alice, message, "x".repeat(4000)).status()).isEqualTo(200);
        assertThat(api.get("/messages/" + message + "/edits", alice.token()).json()).hasSize(1);
    }

    @Test
    @DisplayName("content that looks like markup, escapes or separators is stored, edited and listed byte for byte")
    void contentStaysExact() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        String original = "<script>alert('x')</script> &amp; \"quoted\" \\ \u2028 \u200b zero width";
        String replacement = "<img src=x onerror=alert(1)> 👩‍👩‍👧‍👦 \r\n\t'; DROP TABLE messages; --";
        long message = api.send(alice, bob, original);

        Reply edited = edit(api, alice, message, replacement);

        assertThat(edited.json().get("content").asText()).isEqualTo(replacement);
        assertThat(edited.body()).contains("<img src=x onerror=alert(1)> 👩‍👩‍👧‍👦");
        assertThat(inHistory(bob, alice, message).get("content").asText()).isEqualTo(replacement);
        Reply edits = api.get("/messages/" + message + "/edits", bob.token());
        assertThat(edits.json().get(0).get("content").asText()).isEqualTo(original);
        assertThat(new String(edits.bytes(), StandardCharsets.UTF_8)).contains("<script>alert('x')</script> &amp;");
    }

    @Test
    @DisplayName("either participant reacts: 200 with the reactions, users ascending, emoji in order of first use; a repeat changes nothing")
    void reactions() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        long message = api.send(alice, bob, "react to me");

        Reply first = reaction(api, "PUT", bob, message, "👍");
        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(first.json().get("reactions")).isEqualTo(TestServer.parse(
                "[{\"emoji\": \"👍\", \"user_ids\": [" + bob.id() + "]}]"));
        Expect.reply(reaction(api, "PUT", bob, message, "👍"), 200, first.body());

        reaction(api, "PUT", alice, message, "🎉");
        Reply both = reaction(api, "PUT", alice, message, "👍");
        assertThat(both.json().get("reactions")).isEqualTo(TestServer.parse("""
                [{"emoji": "👍", "user_ids": [%d, %d]}, {"emoji": "🎉", "user_ids": [%d]}]"""
                .formatted(alice.id(), bob.id(), alice.id())));
        assertThat(inHistory(bob, alice, message)).isEqualTo(both.json());
        assertThat(both.json().get("edited_at").isNull()).as("a reaction is no edit").isTrue();

        Reply taken = reaction(api, "DELETE", bob, message, "👍");
        assertThat(taken.status()).isEqualTo(200);
        assertThat(taken.json().get("reactions")).isEqualTo(TestServer.parse("""
                [{"emoji": "👍", "user_ids": [%d]}, {"emoji": "🎉", "user_ids": [%d]}]""".formatted(alice.id(), alice.id())));
        Expect.reply(reaction(api, "DELETE", bob, message, "👍"), 200, taken.body());
        Expect.reply(reaction(api, "DELETE", bob, message, "🦄"), 200, taken.body());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"👍", "👍🏽", "👩‍👩‍👧‍👦", "🧑🏽‍💻", "🏳️‍🌈", "❤️‍🔥", "🇺🇸", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "1️⃣", "#️⃣", "*️⃣",
            "❤️", "©️", "🫶🏿"})
    @DisplayName("an emoji arrives whole through the percent-encoded path: skin tones, ZWJ sequences, flags, keycaps")
    void emojiInThePath(String emoji) {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        long message = api.send(alice, bob, "🙂");

        Reply reacted = reaction(api, "PUT", bob, message, emoji);

        assertThat(reacted.status()).as("%s", reacted).isEqualTo(200);
        assertThat(emoji(reacted.json())).containsExactly(emoji);
        assertThat(reaction(api, "DELETE", bob, message, emoji).json().get("reactions")).isEmpty();
    }

    @Test
    @DisplayName("percent-encoding in lower case, and an emoji without its U+FE0F, name the same emoji")
    void sameEmojiSpelledDifferently() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        long message = api.send(alice, bob, "♥");

        Reply lowerCase = api.request("PUT", "/messages/" + message + "/reactions/%f0%9f%91%8d").bearer(bob.token()).send();
        assertThat(emoji(lowerCase.json())).containsExactly("👍");
        Reply bare = reaction(api, "PUT", bob, message, "\u2764");
        Reply qualified = reaction(api, "PUT", bob, message, "\u2764\uFE0F");

        assertThat(emoji(bare.json())).containsExactly("👍", "\u2764\uFE0F");
        Expect.reply(qualified, 200, bare.body());
        assertThat(reaction(api, "DELETE", bob, message, "\u2764").json().get("reactions")).hasSize(1);
    }

    @Test
    @DisplayName("an emoji sent as raw UTF-8 bytes in the request line is a 400: a request target is ASCII, clients percent-encode")
    void rawUtf8Path() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        long message = api.send(alice, bob, "raw");
        String path = new String(("/messages/" + message + "/reactions/👍🏽").getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);

        RawHttp.Answer answer = RawHttp.exchange(api.server.port(), "PUT " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + bob.token() + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");

        assertThat(answer.status()).as("%s", answer).isEqualTo(400);
        assertThat(TestServer.parse(answer.body())).isEqualTo(TestServer.parse("{\"detail\": \"Bad Request\"}"));
        assertThat(inHistory(alice, bob, message).get("reactions")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a", "ok", "👍👍", "👍a", "a\u0301", "🏽", "\u200D", "🇺", "1", ":+1:", " 👍", "👍\u200D", "+"})
    @DisplayName("a reaction that is not exactly one emoji is a 422 naming emoji, on PUT and DELETE")
    void notAnEmoji(String text) {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        long message = api.send(alice, bob, "plain");

        for (String method : List.of("PUT", "DELETE")) {
            Expect.invalid(reaction(api, method, bob, message, text), "path", "emoji", "emoji must be exactly one emoji",
                    "value_error");
        }
        assertThat(inHistory(alice, bob, message).get("reactions")).isEmpty();
    }

    @Test
    @DisplayName("a reply names the message it answers; one of another conversation, or none, is a 422 naming reply_to_message_id")
    void replies() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        Session carol = api.signUp("carol");
        long question = api.send(bob, alice, "lunch?");
        long elsewhere = api.send(carol, alice, "not yours");

        Reply answer = api.post("/send", TestServer.json(Map.of("recipient_id", bob.id(), "content", "yes",
                "reply_to_message_id", question)), alice.token());

        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(answer.json().get("reply_to_message_id").asLong()).isEqualTo(question);
        assertThat(inHistory(bob, alice, answer.json().get("id").asLong())).isEqualTo(answer.json());
        for (long wrong : List.of(elsewhere, 987654321L)) {
            Expect.invalid(api.post("/send", TestServer.json(Map.of("recipient_id", bob.id(), "content", "no",
                    "reply_to_message_id", wrong)), alice.token()), "body", "reply_to_message_id",
                    "reply_to_message_id must be a message of this conversation", "value_error");
        }
        Expect.invalid(api.post("/send", TestServer.json(Map.of("recipient_id", bob.id(), "content", "no",
                "reply_to_message_id", "first")), alice.token()), "body", "reply_to_message_id",
                "Input should be a valid integer, unable to parse string as an integer", "int_parsing");
        assertThat(history(alice, bob)).hasSize(2);
    }

    @Test
    @DisplayName("a reply to a deleted message is accepted: the tombstone is still in the conversation")
    void replyToTombstone() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        long deleted = api.send(bob, alice, "regret");
        delete(api, bob, deleted, "");
        Map<String, Object> body = new HashMap<>(Map.of("recipient_id", bob.id(), "content", "too late"));
        body.put("reply_to_message_id", deleted);

        Reply reply = api.post("/send", TestServer.json(body), alice.token());

        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        assertThat(reply.json().get("reply_to_message_id").asLong()).isEqualTo(deleted);
    }

    @Test
    @DisplayName("the conversation list shows the peer's ticks and a null preview once the last message was deleted; a deleted unread message is no longer unread")
    void conversationList() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        api.send(alice, bob, "one");
        long two = api.send(alice, bob, "two");
        JsonNode line = conversationWith(alice, bob);
        assertThat(line.get("peer_delivered_up_to_seq").asLong()).isZero();
        assertThat(line.get("peer_read_up_to_seq").asLong()).isZero();

        history(bob, alice); // a history read that returns messages delivers them
        line = conversationWith(alice, bob);
        assertThat(line.get("peer_delivered_up_to_seq").asLong()).isEqualTo(2);
        assertThat(line.get("peer_read_up_to_seq").asLong()).isZero();

        api.post("/messages/" + (two - 1) + "/read", "", bob.token());
        assertThat(conversationWith(alice, bob).get("peer_read_up_to_seq").asLong()).isEqualTo(1);
        assertThat(conversationWith(bob, alice).get("unread_count").asLong()).isEqualTo(1);

        edit(api, alice, two, "two, edited");
        assertThat(conversationWith(bob, alice).get("last_message_preview").asText()).isEqualTo("two, edited");
        assertThat(conversationWith(bob, alice).get("unread_count").asLong()).as("an edit makes nothing unread again")
                .isEqualTo(1);
        delete(api, alice, two, "");
        JsonNode bobs = conversationWith(bob, alice);
        assertThat(bobs.get("last_message_preview").isNull()).isTrue();
        assertThat(bobs.get("unread_count").asLong()).isZero();
        assertThat(bobs.get("last_message_id").asLong()).isEqualTo(two);

        long three = api.send(alice, bob, "three");
        assertThat(conversationWith(bob, alice).get("unread_count").asLong()).isEqualTo(1);
        delete(api, bob, three, "?for=me");
        bobs = conversationWith(bob, alice);
        assertThat(bobs.get("last_message_preview").isNull()).as("hidden by the caller").isTrue();
        assertThat(bobs.get("unread_count").asLong()).isZero();
        assertThat(conversationWith(alice, bob).get("last_message_preview").asText()).isEqualTo("three");
    }

    @Test
    @DisplayName("an edit after the edit window is a 409 that says when it closed")
    void editWindow() {
        Session alice = limited.signUp("alice");
        Session bob = limited.signUp("bob");
        long message = limited.send(alice, bob, "quick");
        Instant sent = Instant.parse(limited.get("/messages?with_user_id=" + bob.id(), alice.token()).json()
                .get(0).get("created_at").asText());

        limited.chat.clock.advance(Duration.ofMinutes(1));
        assertThat(edit(limited, alice, message, "just in time").status()).isEqualTo(200);
        limited.chat.clock.advance(Duration.ofMillis(1));

        Expect.detail(edit(limited, alice, message, "too late"), 409, "The edit window of this message closed at "
                + API_TIME.format(sent.plus(Duration.ofMinutes(1))));
        assertThat(edit(limited, alice, message, "just in time").status()).as("a repeat still answers").isEqualTo(200);
        assertThat(delete(limited, alice, message, "").status()).as("deleting has no window").isEqualTo(204);
    }

    @Test
    @DisplayName("an edit beyond the versions a message may keep, and a new emoji beyond its limit, are 409s")
    void limits() {
        Session alice = limited.signUp("alice");
        Session bob = limited.signUp("bob");
        long message = limited.send(alice, bob, "v1");
        assertThat(edit(limited, alice, message, "v2").status()).isEqualTo(200);
        assertThat(edit(limited, alice, message, "v3").status()).isEqualTo(200);

        Expect.detail(edit(limited, alice, message, "v4"), 409, "This message was edited the maximum of 2 times");

        assertThat(reaction(limited, "PUT", bob, message, "👍").status()).isEqualTo(200);
        assertThat(reaction(limited, "PUT", alice, message, "🎉").status()).isEqualTo(200);
        Expect.detail(reaction(limited, "PUT", bob, message, "🦄"), 409,
                "This message already carries the maximum of 2 different emoji");
        assertThat(reaction(limited, "PUT", bob, message, "🎉").status()).as("joining an emoji it carries").isEqualTo(200);
    }

    @Test
    @DisplayName("a user changing messages too fast gets 429 with Retry-After, and nothing is changed")
    void throttled() {
        RateLimits tight = RateLimits.none().with(new RateLimit(LimitedAction.MESSAGE_CHANGES_PER_USER,
                List.of(Bandwidth.of(2, Duration.ofMinutes(1)))));
        try (TestServer throttling = start(MessageChangeLimits.defaults(), tight)) {
            Session alice = throttling.signUp("alice");
            Session bob = throttling.signUp("bob");
            long message = throttling.send(alice, bob, "slow down");
            assertThat(edit(throttling, alice, message, "one").status()).isEqualTo(200);
            assertThat(reaction(throttling, "PUT", alice, message, "👍").status()).isEqualTo(200);

            for (Reply refused : List.of(edit(throttling, alice, message, "two"), delete(throttling, alice, message, ""),
                    reaction(throttling, "DELETE", alice, message, "👍"))) {
                Expect.detail(refused, 429, "Too many requests");
                assertThat(refused.header("retry-after")).isNotNull();
            }
            JsonNode stored = throttling.get("/messages?with_user_id=" + alice.id(), bob.token()).json().get(0);
            assertThat(stored.get("content").asText()).isEqualTo("one");
            assertThat(emoji(stored)).containsExactly("👍");
        }
    }
}
