package io.chatplatform.domain.realtime;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** {@code reactor} added or took back a reaction; {@code message} carries the reactions as they stand. */
public record ReactionUpdated(Message message, UserId reactor, long position) implements ConversationChange {

    public ReactionUpdated {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(reactor, "reactor");
        ConversationChange.requirePosition(position);
        if (!message.isVisibleTo(reactor)) {
            throw new IllegalArgumentException(reactor + " cannot react to message " + message.id() + " of another conversation");
        }
    }

    @Override
    public ConversationId conversation() {
        return message.conversationId();
    }

    @Override
    public LiveEventType type() {
        return LiveEventType.REACTION_UPDATED;
    }

    @Override
    public Set<UserId> audience() {
        return Set.copyOf(List.of(message.senderId(), message.recipientId()));
    }
}
