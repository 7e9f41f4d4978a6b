package io.chatplatform.adapter.http.internal.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.internal.json.Json;
import io.chatplatform.domain.Ids;
import io.chatplatform.domain.user.UserId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a client says on {@code /ws}: one JSON object per text message, its kind in
 * {@code "type"}. Members a kind does not know are ignored, so that clients can be newer than the
 * server.
 */
public sealed interface ClientMessage {

    /** The kinds a client may send, for the error that names them. */
    String KINDS = "auth, resume, ack, typing, ping";

    /** {@code {"type":"auth","token":"..."}}; {@code token} is null when it was missing or not a string. Never printed. */
    record Auth(String token) implements ClientMessage {
        @Override
        public String toString() {
            return "Auth[***]";
        }
    }

    /**
     * {@code {"type":"resume","positions":{"<peer id>": <last seq seen>, ...},
     * "change_positions":{"<peer id>": <last change_seq seen>, ...}}}, both optional: a client that
     * counts messages only sends {@code positions}, a client of the change stream
     * {@code change_positions}.
     */
    record Resume(Map<UserId, Long> positions, Map<UserId, Long> changePositions) implements ClientMessage {
        public Resume {
            positions = Map.copyOf(positions);
            changePositions = Map.copyOf(changePositions);
        }
    }

    /** {@code {"type":"ack","user_id":<peer>,"seq":<message seq>}}: the messages of that conversation up to seq arrived. */
    record Ack(UserId peer, long seq) implements ClientMessage {
        public Ack {
            Objects.requireNonNull(peer, "peer");
            if (seq < 1) {
                throw new IllegalArgumentException("seq must be at least 1, was " + seq);
            }
        }
    }

    /** {@code {"type":"typing","user_id":<peer>}}. */
    record TypingTo(UserId peer) implements ClientMessage {
        public TypingTo {
            Objects.requireNonNull(peer, "peer");
        }
    }

    /** {@code {"type":"ping"}}. */
    record Ping() implements ClientMessage {
    }

    /** A message that cannot be honoured: answered with an error event, the connection stays open. */
    record Rejected(String code, String message) implements ClientMessage {
        public Rejected {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Reads one text message. Never throws: what is not understood becomes a {@link Rejected}. */
    static ClientMessage parse(String text) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            return new Rejected("bad_frame", "the message is not JSON");
        }
        if (root == null || root.isMissingNode()) {
            return new Rejected("bad_frame", "the message is empty; it must be JSON");
        }
        if (!root.isObject()) {
            return new Rejected("unknown_type", "a message is a JSON object whose \"type\" is one of " + KINDS);
        }
        JsonNode type = root.get("type");
        if (type == null || !type.isTextual()) {
            return new Rejected("unknown_type", "\"type\" is missing; it is one of " + KINDS);
        }
        switch (type.textValue()) {
            case "auth":
                JsonNode token = root.get("token");
                return new Auth(token != null && token.isTextual() ? token.textValue() : null);
            case "resume":
                return resume(root);
            case "ack":
                return ack(root.get("user_id"), root.get("seq"));
            case "typing":
                return typing(root.get("user_id"));
            case "ping":
                return new Ping();
            default:
                return new Rejected("unknown_type", "unknown type " + quoted(type.textValue()) + "; it is one of " + KINDS);
        }
    }

    private static ClientMessage resume(JsonNode root) {
        Map<UserId, Long> positions = new HashMap<>();
        Rejected invalid = readPositions(root.get("positions"), "positions: an object from peer user id to the last seq"
                + " seen (an integer, 0 or more)", positions);
        if (invalid != null) {
            return invalid;
        }
        Map<UserId, Long> changePositions = new HashMap<>();
        invalid = readPositions(root.get("change_positions"), "change_positions: an object from peer user id to the"
                + " last change_seq seen (an integer, 0 or more)", changePositions);
        if (invalid != null) {
            return invalid;
        }
        return new Resume(positions, changePositions);
    }

    /**
     * Reads peer user ids to integers from 0 into {@code into} (nothing when absent or null); the
     * refusal, saying what was {@code expected} and which member broke it, when it is not such an object.
     */
    private static Rejected readPositions(JsonNode positions, String expected, Map<UserId, Long> into) {
        if (positions == null || positions.isNull()) {
            return null;
        }
        if (!positions.isObject()) {
            return new Rejected("invalid", expected);
        }
        for (Map.Entry<String, JsonNode> position : positions.properties()) {
            UserId peer = userId(position.getKey());
            JsonNode seq = position.getValue();
            if (peer == null || !seq.isIntegralNumber() || !seq.canConvertToLong() || seq.longValue() < 0) {
                return new Rejected("invalid", expected + "; " + quoted(position.getKey()) + " is not");
            }
            into.put(peer, seq.longValue());
        }
        return null;
    }

    private static ClientMessage typing(JsonNode userId) {
        if (!isUserId(userId)) {
            return new Rejected("invalid", "user_id: the id of the user you are typing to (a positive integer) is required");
        }
        return new TypingTo(UserId.of(userId.longValue()));
    }

    private static ClientMessage ack(JsonNode userId, JsonNode seq) {
        if (!isUserId(userId)) {
            return new Rejected("invalid", "user_id: the id of the peer whose conversation the messages are of (a"
                    + " positive integer) is required");
        }
        if (seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong() || seq.longValue() < 1) {
            return new Rejected("invalid", "seq: the seq of the newest message of that conversation received (an"
                    + " integer, 1 or more) is required");
        }
        return new Ack(UserId.of(userId.longValue()), seq.longValue());
    }

    private static boolean isUserId(JsonNode userId) {
        return userId != null && userId.isIntegralNumber() && userId.canConvertToLong()
                && userId.longValue() >= 1 && userId.longValue() <= Ids.MAX_JSON_SAFE;
    }

    private static UserId userId(String text) {
        if (text.isEmpty() || text.length() > 16 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        long value = Long.parseLong(text);
        return value >= 1 && value <= Ids.MAX_JSON_SAFE ? UserId.of(value) : null;
    }

    /** The client's text in quotes, cut short: an error message must not grow with what was sent. */
    private static String quoted(String text) {
        int max = 40;
        if (text.codePointCount(0, text.length()) > max) {
            return "\"" + text.substring(0, text.offsetByCodePoints(0, max)) + "...\"";
        }
        return "\"" + text + "\"";
    }
}
