package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.TestServer.Reply;
import io.chatplatform.adapter.http.TestServer.Session;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Read markers: POST /messages/{id}/read, POST /conversations/{user_id}/read, GET /conversations, GET /unread-count")
class ReadMarkersTest {

    private final TestServer api = TestServer.start();

    @AfterAll
    void stop() {
        api.close();
    }

    private long unread(Session user) {
        Reply reply = api.get("/unread-count", user.token());
        Expect.reply(reply, 200, "{\"unread_count\": " + reply.json().get("unread_count").asLong() + "}");
        return reply.json().get("unread_count").asLong();
    }

    @Test
    @DisplayName("the recipient marks a message read, and everything before it")
    void marksMessageRead() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        api.send(alice, bob, "one");
        long second = api.send(alice, bob, "two");
        api.send(alice, bob, "three");
        assertThat(unread(bob)).isEqualTo(3);

        Reply reply = api.post("/messages/" + second + "/read", "", bob.token());

        Expect.reply(reply, 200, "{\"message\": \"Message marked as read\"}");
        assertThat(unread(bob)).isEqualTo(1);
    }

    @Test
    @DisplayName("marking read a message one sent, one of others, or one that does not exist answers 404")
    void cannotMarkOthersMessages() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        Session eve = api.signUp("eve");
        long message = api.send(alice, bob, "for bob only");

        Expect.detail(api.post("/messages/" + message + "/read", "", alice.token()), 404,
                "Message not found or not accessible");
        Expect.detail(api.post("/messages/" + message + "/read", "", eve.token()), 404,
                "Message not found or not accessible");
        Expect.detail(api.post("/messages/987654321/read", "", bob.token()), 404,
                "Message not found or not accessible");
        assertThat(unread(bob)).isEqualTo(1);
    }

    @Test
    @DisplayName("a non-numeric message id answers 422")
    void badMessageId() {
        Session bob = api.signUp("bob");

        Expect.invalid(api.post("/messages/first/read", "", bob.token()), "path", "message_id",
                "Input should be a valid integer, unable to parse string as an integer", "int_parsing");
    }

    @Test
    @DisplayName("marking a conversation read without a body marks everything")
    void marksConversationRead() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        api.send(alice, bob, "one");
        api.send(alice, bob, "two");

        Reply reply = api.post("/conversations/" + alice.id() + "/read", "", bob.token());

        Expect.reply(reply, 200, """
                {"message": "Conversation marked as read", "last_read_seq": 2, "unread_count": 0}""");
        assertThat(unread(bob)).isZero();
        assertThat(api.request("POST", "/conversations/" + alice.id() + "/read").bearer(bob.token()).send().status())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("up_to_message_id marks the conversation read up to that message; {} and null mean everything")
    void marksUpTo() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        long first = api.send(alice, bob, "one");
        api.send(alice, bob, "two");
        api.send(alice, bob, "three");
        String path = "/conversations/" + alice.id() + "/read";

        Expect.reply(api.post(path, "{\"up_to_message_id\": " + first + "}", bob.token()), 200, """
                {"message": "Conversation marked as read", "last_read_seq": 1, "unread_count": 2}""");
        Expect.reply(api.post(path, "{\"up_to_message_id\": null}", bob.token()), 200, """
                {"message": "Conversation marked as read", "last_read_seq": 3, "unread_count": 0}""");
        assertThat(api.post(path, "{}", bob.token()).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("a conversation the caller is not in, or a message of another conversation, answers 404")
    void cannotMarkOthersConversations() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        Session eve = api.signUp("eve");
        long message = api.send(alice, bob, "private");

        Expect.detail(api.post("/conversations/" + alice.id() + "/read", "", eve.token()), 404,
                "Conversation not found");
        api.send(alice, eve, "hi eve");
        Expect.detail(api.post("/conversations/" + alice.id() + "/read", "{\"up_to_message_id\": " + message + "}",
                eve.token()), 404, "Conversation not found");
        assertThat(unread(bob)).isEqualTo(1);
    }

    @Test
    @DisplayName("bad bodies and ids of a conversation read answer 422")
    void badConversationRead() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        String path = "/conversations/" + alice.id() + "/read";

        assertThat(api.post(path, "[1]", bob.token()).json().at("/detail/0/type").asText())
                .isEqualTo("model_attributes_type");
        assertThat(api.post(path, "{\"up_to_message_id\": ", bob.token()).json().at("/detail/0/type").asText())
                .isEqualTo("json_invalid");
        Expect.invalid(api.post(path, "{\"up_to_message_id\": \"last\"}", bob.token()), "body", "up_to_message_id",
                "Input should be a valid integer, unable to parse string as an integer", "int_parsing");
        Expect.invalid(api.post("/conversations/alice/read", "", bob.token()), "path", "user_id",
                "Input should be a valid integer, unable to parse string as an integer", "int_parsing");
    }

    @Test
    @DisplayName("the conversation list shows each peer with unread count and the newest message, most recent first")
    void conversations() {
        Session alice = api.signUp("alice");
        Session bob = api.signUp("bob");
        Session carol = api.signUp("carol");
        api.send(bob, alice, "from bob");
        api.chat.clock.advance(Duration.ofSeconds(1));
        long newest = api.send(carol, alice, "from carol, twice");

        Reply reply = api.get("/conversations", alice.token());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).hasSize(2);
        JsonNode first = reply.json().get(0);
        assertThat(OwnProfileTest.fieldNames(first)).containsExactly("user_id", "username", "unread_count",
                "last_message_id", "last_message_at", "last_message_preview", "peer_delivered_up_to_seq",
                "peer_read_up_to_seq", "peer_deleted", "last_change_seq");
        assertThat(first.get("user_id").asLong()).isEqualTo(carol.id());
        assertThat(first.get("username").asText()).isEqualTo(carol.username());
        assertThat(first.get("unread_count").asLong()).isEqualTo(1);
        assertThat(first.get("last_message_id").asLong()).isEqualTo(newest);
        assertThat(first.get("last_message_at").asText()).matches(OwnProfileTest.TIMESTAMP);
        assertThat(first.get("last_message_preview").asText()).isEqualTo("from carol, twice");
        // the conversation's change stream has one change so far: the message
        assertThat(first.get("last_change_seq").asLong()).isEqualTo(1);
        assertThat(reply.json().get(1).get("user_id").asLong()).isEqualTo(bob.id());
        assertThat(api.get("/conversations?limit=1", alice.token()).json()).hasSize(1);
    }

    @Test
    @DisplayName("a bad conversation list limit answers 422")
    void badConversationsLimit() {
        Session alice = api.signUp("alice");

        Expect.invalid(api.get("/conversations?limit=1001", alice.token()), "query", "limit",
                "limit must be between 1 and 1000", "value_error");
        Expect.invalid(api.get("/conversations?limit=2.5", alice.token()), "query", "limit",
                "Input should be a valid integer, unable to parse string as an integer", "int_parsing");
    }
}
