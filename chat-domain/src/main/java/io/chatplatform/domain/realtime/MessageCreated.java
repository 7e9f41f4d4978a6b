package io.chatplatform.domain.realtime;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** A message was stored (at {@code position} of its conversation's stream). Its sender's other devices get it too. */
public record MessageCreated(Message message, long position) implements ConversationChange {

    public MessageCreated {
        Objects.requireNonNull(message, "message");
        ConversationChange.requirePosition(position);
    }

    @Override
    public ConversationId conversation() {
        return message.conversationId();
    }

    @Override
    public LiveEventType type() {
        return LiveEventType.MESSAGE_CREATED;
    }

    @Override
    public Set<UserId> audience() {
        return Set.copyOf(List.of(message.senderId(), message.recipientId()));
    }
}
