package io.chatplatform.domain.realtime;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Its sender replaced the content of {@code message} (shown as it stands now). */
public record MessageEdited(Message message, long position) implements ConversationChange {

    public MessageEdited {
        Objects.requireNonNull(message, "message");
        ConversationChange.requirePosition(position);
    }

    @Override
    public ConversationId conversation() {
        return message.conversationId();
    }

    @Override
    public LiveEventType type() {
        return LiveEventType.MESSAGE_UPDATED;
    }

    @Override
    public Set<UserId> audience() {
        return Set.copyOf(List.of(message.senderId(), message.recipientId()));
    }
}
