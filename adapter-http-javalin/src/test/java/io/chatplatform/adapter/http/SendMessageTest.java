package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.TestServer.Reply;
import io.chatplatform.adapter.http.TestServer.Session;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("POST /send")
class SendMessageTest {

    private final TestServer api = TestServer.start();
    private final Session alice = api.signUp("alice");
    private final Session bob = api.signUp("bob");

    @AfterAll
    void stop() {
        api.close();
    }

    private Reply send(Session from, Object body) {
        return api.post("/send", body instanceof String text ? text : TestServer.json(body), from.token());
    }

    private Map<String, Object> message(long recipient, String content) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("recipient_id", recipient);
        body.put("content", content);
        return body;
    }

    @Test
    @DisplayName("sending answers the stored message with sender, recipient, time, seq and no client id")
    void sends() {
        Reply reply = send(alice, message(bob.id(), "hello bob"));

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(OwnProfileTest.fieldNames(body)).containsExactly("id", "sender_id", "recipient_id", "content",
                "created_at", "seq", "client_message_id", "reply_to_message_id", "edited_at", "deleted_at", "reactions");
        assertThat(body.get("sender_id").asLong()).isEqualTo(alice.id());
        assertThat(body.get("recipient_id").asLong()).isEqualTo(bob.id());
        assertThat(body.get("content").asText()).isEqualTo("hello bob");
        assertThat(body.get("created_at").asText()).matches(OwnProfileTest.TIMESTAMP);
        assertThat(body.get("seq").asLong()).isPositive();
        assertThat(body.get("client_message_id").isNull()).isTrue();
        assertThat(body.get("reply_to_message_id").isNull()).isTrue();
        assertThat(body.get("edited_at").isNull()).isTrue();
        assertThat(body.get("deleted_at").isNull()).isTrue();
        assertThat(body.get("reactions")).isEqualTo(TestServer.parse("[]"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Grüße, naïve café – 你好 – مرحبا – שלום",
            "emoji 😀👍🏽 family 👨‍👩‍👧‍👦 flag 🇩🇪",
            "quotes \" ' ` and backslash \\ and slash /",
            "'; DROP TABLE messages; -- ",
            "<script>alert('x')</script> &amp; &lt;b&gt;",
            "line one\nline two\r\n\ttabbed",
            "  leading and trailing spaces  ",
            "\u2028\u2029 separators and zero width \u200b joiner",
    })
    @DisplayName("content is stored and returned byte-for-byte")
    void roundTrips(String content) {
        Reply sent = send(alice, message(bob.id(), content));

        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.json().get("content").textValue()).isEqualTo(content);
        Reply history = api.get("/messages?with_user_id=" + alice.id() + "&limit=1", bob.token());
        assertThat(history.json().get(0).get("content").textValue()).isEqualTo(content);
        assertThat(history.json().get(0).get("content").textValue().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("non-ASCII content is sent as UTF-8, not as escapes")
    void utf8OnTheWire() {
        Reply reply = send(alice, message(bob.id(), "naïve 😀"));

        assertThat(reply.body()).contains("naïve 😀");
    }

    @Test
    @DisplayName("4000 characters are accepted (an emoji counts as one), 4001 answer 422")
    void lengthLimit() {
        assertThat(send(alice, message(bob.id(), "😀".repeat(4000))).status()).isEqualTo(200);

        Expect.invalid(send(alice, message(bob.id(), "x".repeat(4001))), "body", "content",
                "content must be at most 4000 characters", "value_error");
    }

    @Test
    @DisplayName("a NUL character answers 422")
    void nul() {
        Expect.invalid(send(alice, message(bob.id(), "a\u0000b")), "body", "content",
                "content must not contain NUL characters", "value_error");
    }

    @Test
    @DisplayName("empty or blank content answers 422")
    void blank() {
        Expect.invalid(send(alice, message(bob.id(), "")), "body", "content", "content must not be empty",
                "value_error");
        Expect.invalid(send(alice, message(bob.id(), " \n\t ")), "body", "content", "content must not be empty",
                "value_error");
    }

    @Test
    @DisplayName("an unknown recipient answers 404 'Recipient not found'")
    void unknownRecipient() {
        Expect.detail(send(alice, message(987_654_321L, "anyone?")), 404, "Recipient not found");
    }

    @Test
    @DisplayName("a user may send to themself")
    void notesToSelf() {
        Reply reply = send(alice, message(alice.id(), "remember the milk"));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("recipient_id").asLong()).isEqualTo(alice.id());
    }

    @Test
    @DisplayName("missing fields are both reported")
    void missingFields() {
        Expect.reply(send(alice, "{}"), 422, """
                {"detail": [
                  {"loc": ["body", "recipient_id"], "msg": "Field required", "type": "missing"},
                  {"loc": ["body", "content"], "msg": "Field required", "type": "missing"}
                ]}""");
    }

    @Test
    @DisplayName("a recipient id written as a string of digits or as an integral float is accepted")
    void laxIntegers() {
        assertThat(send(alice, "{\"recipient_id\": \"" + bob.id() + "\", \"content\": \"as text\"}").status())
                .isEqualTo(200);
        assertThat(send(alice, "{\"recipient_id\": " + bob.id() + ".0, \"content\": \"as float\"}").status())
                .isEqualTo(200);
    }

    @Test
    @DisplayName("a recipient id that is not an integer answers 422 with Pydantic's type")
    void badRecipientIds() {
        Expect.invalid(send(alice, "{\"recipient_id\": \"abc\", \"content\": \"x\"}"), "body", "recipient_id",
                "Input should be a valid integer, unable to parse string as an integer", "int_parsing");
        Expect.invalid(send(alice, "{\"recipient_id\": 1.5, \"content\": \"x\"}"), "body", "recipient_id",
                "Input should be a valid integer, got a number with a fractional part", "int_from_float");
        Expect.invalid(send(alice, "{\"recipient_id\": true, \"content\": \"x\"}"), "body", "recipient_id",
                "Input should be a valid integer", "int_type");
        Expect.invalid(send(alice, "{\"recipient_id\": null, \"content\": \"x\"}"), "body", "recipient_id",
                "Input should be a valid integer", "int_type");
        Expect.invalid(send(alice, "{\"recipient_id\": [1], \"content\": \"x\"}"), "body", "recipient_id",
                "Input should be a valid integer", "int_type");
    }

    @Test
    @DisplayName("a recipient id outside 1 to 2^53-1 answers 422 value_error")
    void outOfRangeIds() {
        for (String id : new String[] {"0", "-1", "9007199254740992", "1e400", "123456789012345678901234567890"}) {
            Expect.invalid(send(alice, "{\"recipient_id\": " + id + ", \"content\": \"x\"}"), "body", "recipient_id",
                    "recipient_id must be a positive integer below 2^53", "value_error");
        }
    }

    @Test
    @DisplayName("content that is not a string answers 422 string_type")
    void contentNotString() {
        Expect.invalid(send(alice, "{\"recipient_id\": " + bob.id() + ", \"content\": 42}"), "body", "content",
                "Input should be a valid string", "string_type");
    }

    @Test
    @DisplayName("an array body and malformed JSON answer 422")
    void badBodies() {
        assertThat(send(alice, "[]").json().at("/detail/0/type").asText()).isEqualTo("model_attributes_type");
        assertThat(send(alice, "{'recipient_id': 1}").json().at("/detail/0/type").asText()).isEqualTo("json_invalid");
    }

    @Test
    @DisplayName("a retry with the same client_message_id answers the original message and stores nothing new")
    void idempotentByBody() {
        Map<String, Object> body = message(bob.id(), "once only");
        body.put("client_message_id", "c0ffee-1");

        Reply first = send(alice, body);
        Reply retry = send(alice, body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.json()).isEqualTo(first.json());
        assertThat(first.json().get("client_message_id").asText()).isEqualTo("c0ffee-1");
        long stored = api.chat.messages.messagesOf(conversation(alice, bob)).stream()
                .filter(m -> m.content().orElseThrow().value().equals("once only")).count();
        assertThat(stored).isEqualTo(1);
    }

    @Test
    @DisplayName("the Idempotency-Key header works like client_message_id")
    void idempotentByHeader() {
        Reply first = api.request("POST", "/send").bearer(alice.token()).header("Idempotency-Key", "key-42")
                .json(TestServer.json(message(bob.id(), "header once"))).send();
        Reply retry = api.request("POST", "/send").bearer(alice.token()).header("Idempotency-Key", "key-42")
                .json(TestServer.json(message(bob.id(), "header once"))).send();

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("client_message_id").asText()).isEqualTo("key-42");
        assertThat(retry.json()).isEqualTo(first.json());
    }

    @Test
    @DisplayName("client_message_id in the body wins over the Idempotency-Key header")
    void bodyWinsOverHeader() {
        Map<String, Object> body = message(bob.id(), "both keys");
        body.put("client_message_id", "from-body");

        Reply reply = api.request("POST", "/send").bearer(alice.token()).header("Idempotency-Key", "from-header")
                .json(TestServer.json(body)).send();

        assertThat(reply.json().get("client_message_id").asText()).isEqualTo("from-body");
    }

    @Test
    @DisplayName("an invalid Idempotency-Key answers 422 located in the header")
    void badIdempotencyKey() {
        Reply reply = api.request("POST", "/send").bearer(alice.token()).header("Idempotency-Key", "k".repeat(129))
                .json(TestServer.json(message(bob.id(), "x"))).send();

        Expect.invalid(reply, "header", "idempotency-key", "idempotency-key must be 1 to 128 characters",
                "value_error");
    }

    @Test
    @DisplayName("a valid token of an account that no longer exists cannot send")
    void senderGone() {
        String token = api.chat.tokens.issue(UserId.of(8_000_000), SessionId.of(1), api.chat.clock.instant())
                .value();

        Expect.detail(api.post("/send", TestServer.json(message(bob.id(), "boo")), token), 401,
                "Could not validate credentials");
    }

    private static ConversationId conversation(Session a, Session b) {
        return ConversationId.between(UserId.of(a.id()), UserId.of(b.id()));
    }
}
