package io.chatplatform.domain.event;

import io.chatplatform.domain.message.Message;
import java.util.Objects;

/** A new message was stored; it has its id and its conversation seq. */
public record MessageSent(Message message) implements DomainEvent {

    public MessageSent {
        Objects.requireNonNull(message, "message");
    }
}
