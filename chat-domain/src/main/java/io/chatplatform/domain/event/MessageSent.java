package io.chatplatform.domain.event;

import io.chatplatform.domain.message.Message;
import java.util.Objects;

/**
 * A new message was stored; it has its id, its conversation seq, and its {@code position} in the
 * conversation's change stream.
 */
public record MessageSent(Message message, long position) implements DomainEvent {

    public MessageSent {
        Objects.requireNonNull(message, "message");
        if (position < 1) {
            throw new IllegalArgumentException("position must be at least 1, was " + position);
        }
    }
}
