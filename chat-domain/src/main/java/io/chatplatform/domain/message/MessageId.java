package io.chatplatform.domain.message;

import io.chatplatform.domain.Ids;

/** Identifies a message across all conversations: positive and below 2^53, so it survives JSON. */
public record MessageId(long value) implements Comparable<MessageId> {

    public MessageId {
        Ids.requireValid("message_id", value);
    }

    public static MessageId of(long value) {
        return new MessageId(value);
    }

    @Override
    public int compareTo(MessageId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
