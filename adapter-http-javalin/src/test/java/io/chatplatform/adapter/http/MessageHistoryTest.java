package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.TestServer.Reply;
import io.chatplatform.adapter.http.TestServer.Session;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("GET /messages")
class MessageHistoryTest {

    private final TestServer api = TestServer.start();
    private final Session alice = api.signUp("alice");
    private final Session bob = api.signUp("bob");
    private final Session eve = api.signUp("eve");
    private final List<Long> ids = new ArrayList<>();

    MessageHistoryTest() {
        for (int i = 1; i <= 5; i++) {
            ids.add(api.send(i % 2 == 0 ? bob : alice, i % 2 == 0 ? alice : bob, "message " + i));
        }
        api.send(eve, alice, "eve to alice");
    }

    @AfterAll
    void stop() {
        api.close();
    }

    private static List<String> contents(Reply reply) {
        List<String> contents = new ArrayList<>();
        reply.json().forEach(m -> contents.add(m.get("content").asText()));
        return contents;
    }

    @Test
    @DisplayName("the conversation is listed newest first, both directions, in the /send shape")
    void newestFirst() {
        Reply reply = api.get("/messages?with_user_id=" + bob.id(), alice.token());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(contents(reply)).containsExactly("message 5", "message 4", "message 3", "message 2", "message 1");
        JsonNode newest = reply.json().get(0);
        assertThat(OwnProfileTest.fieldNames(newest)).containsExactly("id", "sender_id", "recipient_id", "content",
                "created_at", "seq", "client_message_id", "reply_to_message_id", "edited_at", "deleted_at", "reactions");
        assertThat(newest.get("id").asLong()).isEqualTo(ids.get(4));
        assertThat(newest.get("seq").asLong()).isEqualTo(5);
    }

    @Test
    @DisplayName("limit, offset and before_id page through the conversation")
    void pages() {
        String base = "/messages?with_user_id=" + alice.id();

        assertThat(contents(api.get(base + "&limit=2", bob.token()))).containsExactly("message 5", "message 4");
        assertThat(contents(api.get(base + "&limit=2&offset=2", bob.token()))).containsExactly("message 3", "message 2");
        assertThat(contents(api.get(base + "&before_id=" + ids.get(2), bob.token())))
                .containsExactly("message 2", "message 1");
    }

    @Test
    @DisplayName("the token is also accepted as a token query parameter, for old clients")
    void tokenInQuery() {
        Reply reply = api.get("/messages?with_user_id=" + bob.id() + "&token=" + TestServer.encode(alice.token()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(contents(reply)).hasSize(5);
    }

    @Test
    @DisplayName("a forged token in the query parameter answers 401")
    void forgedTokenInQuery() {
        Reply reply = api.get("/messages?with_user_id=" + bob.id() + "&token=forged");

        Expect.detail(reply, 401, "Could not validate credentials");
        assertThat(reply.header("www-authenticate")).isEqualTo("Bearer");
    }

    @Test
    @DisplayName("other routes do not accept a token in the query")
    void tokenInQueryOnlyForMessages() {
        Expect.detail(api.get("/unread-count?token=" + TestServer.encode(alice.token())), 401, "Not authenticated");
    }

    @Test
    @DisplayName("a user never sees a conversation they are not in: asking for a peer shows only their own conversation with that peer")
    void onlyOwnConversations() {
        Reply reply = api.get("/messages?with_user_id=" + bob.id(), eve.token());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).isEmpty();
        assertThat(contents(api.get("/messages?with_user_id=" + alice.id(), eve.token())))
                .containsExactly("eve to alice");
    }

    @Test
    @DisplayName("a cursor from another conversation yields an empty page, not that conversation's messages")
    void foreignCursor() {
        Reply reply = api.get("/messages?with_user_id=" + alice.id() + "&before_id=" + ids.get(4), eve.token());

        assertThat(reply.json()).isEmpty();
    }

    @Test
    @DisplayName("without with_user_id the answer is 422 'Field required'")
    void requiresPeer() {
        Expect.invalid(api.get("/messages", alice.token()), "query", "with_user_id", "Field required", "missing");
    }

    @Test
    @DisplayName("bad limit, offset and before_id are all reported at once")
    void badPaging() {
        Reply reply = api.get("/messages?with_user_id=x&limit=0&offset=10001&before_id=abc", alice.token());

        Expect.reply(reply, 422, """
                {"detail": [
                  {"loc": ["query", "with_user_id"], "msg": "Input should be a valid integer, unable to parse string as an integer", "type": "int_parsing"},
                  {"loc": ["query", "limit"], "msg": "limit must be between 1 and 100", "type": "value_error"},
                  {"loc": ["query", "offset"], "msg": "offset must be between 0 and 10000", "type": "value_error"},
                  {"loc": ["query", "before_id"], "msg": "Input should be a valid integer, unable to parse string as an integer", "type": "int_parsing"}
                ]}""");
        Expect.invalid(api.get("/messages?with_user_id=" + bob.id() + "&limit=101", alice.token()), "query", "limit",
                "limit must be between 1 and 100", "value_error");
        Expect.invalid(api.get("/messages?with_user_id=" + bob.id() + "&offset=-1", alice.token()), "query", "offset",
                "offset must be between 0 and 10000", "value_error");
    }
}
