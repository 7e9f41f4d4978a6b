package io.chatplatform.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatplatform.bench.http.HttpChannel.Response;
import io.chatplatform.bench.http.HttpChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The service's routes as the scenarios call them; every call is one request on the caller's channel. */
public final class ChatApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";
    private static final String FORM_TYPE = "application/x-www-form-urlencoded";

    private ChatApi() {
    }

    public static Response register(HttpChannel ch, String username, String email, String password) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("email", email).put("password", password);
        return ch.post("/register", null, JSON_TYPE, bytes(body));
    }

    public static Response login(HttpChannel ch, String username, String password) throws IOException {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return ch.post("/login", null, FORM_TYPE, form.getBytes(StandardCharsets.UTF_8));
    }

    public static Response send(HttpChannel ch, String token, long recipient, String content) throws IOException {
        return ch.post("/send", token, JSON_TYPE, sendBody(recipient, content));
    }

    static byte[] sendBody(long recipient, String content) {
        return bytes(JSON.createObjectNode().put("recipient_id", recipient).put("content", content));
    }

    /** {@code GET /messages?with_user_id=..&limit=..} with an offset (0 = newest) or a {@code before_id} cursor (0 = none). */
    public static Response history(HttpChannel ch, String token, long peer, int limit, int offset, long beforeId) throws IOException {
        StringBuilder q = new StringBuilder(64).append("/messages?with_user_id=").append(peer).append("&limit=").append(limit);
        if (offset > 0) {
            q.append("&offset=").append(offset);
        }
        if (beforeId > 0) {
            q.append("&before_id=").append(beforeId);
        }
        return ch.get(q.toString(), token);
    }

    public static Response conversations(HttpChannel ch, String token) throws IOException {
        return ch.get("/conversations", token);
    }

    public static Response markConversationRead(HttpChannel ch, String token, long peer) throws IOException {
        return ch.post("/conversations/" + peer + "/read", token, JSON_TYPE, "{}".getBytes(StandardCharsets.UTF_8));
    }

    /** {@code PATCH /messages/{id}} with new content (its sender only). */
    public static Response edit(HttpChannel ch, String token, long messageId, String content) throws IOException {
        return ch.patch("/messages/" + messageId, token, JSON_TYPE,
                bytes(JSON.createObjectNode().put("content", content)));
    }

    /** {@code PUT /messages/{id}/reactions/{emoji}}: adds the caller's reaction (a repeat changes nothing). */
    public static Response react(HttpChannel ch, String token, long messageId, String emoji) throws IOException {
        return ch.put(reactionPath(messageId, emoji), token);
    }

    /** {@code DELETE /messages/{id}/reactions/{emoji}}: takes the caller's reaction back. */
    public static Response unreact(HttpChannel ch, String token, long messageId, String emoji) throws IOException {
        return ch.delete(reactionPath(messageId, emoji), token);
    }

    /** The emoji as one percent-encoded path segment (its UTF-8 bytes; never {@code +}). */
    static String reactionPath(long messageId, String emoji) {
        return "/messages/" + messageId + "/reactions/"
                + URLEncoder.encode(emoji, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static JsonNode json(Response response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("the response is not JSON: " + abbreviate(response.text()), e);
        }
    }

    public static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
