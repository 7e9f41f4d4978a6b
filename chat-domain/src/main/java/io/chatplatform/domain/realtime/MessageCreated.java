package io.chatplatform.domain.realtime;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.user.UserId;
import java.util.Objects;
import java.util.Set;

/** A message was stored. Its sender's other devices get it too. */
public record MessageCreated(Message message) implements ConversationChange {

    public MessageCreated {
        Objects.requireNonNull(message, "message");
    }

    @Override
    public ConversationId conversation() {
        return message.conversationId();
    }

    @Override
    public long seq() {
        return message.seq();
    }

    @Override
    public LiveEventType type() {
        return LiveEventType.MESSAGE_CREATED;
    }

    @Override
    public Set<UserId> audience() {
        return Set.copyOf(java.util.List.of(message.senderId(), message.recipientId()));
    }
}
