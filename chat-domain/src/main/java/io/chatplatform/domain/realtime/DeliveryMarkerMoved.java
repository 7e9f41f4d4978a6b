package io.chatplatform.domain.realtime;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Some session of {@code recipient} received the conversation's messages up to seq
 * {@code upToSeq} (a WebSocket acknowledgement, or a history read that returned them): the peer's
 * ticks turn to "delivered".
 */
public record DeliveryMarkerMoved(ConversationId conversation, UserId recipient, long upToSeq, long position)
        implements ConversationChange {

    public DeliveryMarkerMoved {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(recipient, "recipient");
        ConversationChange.requirePosition(position);
        if (!conversation.involves(recipient)) {
            throw new IllegalArgumentException("recipient " + recipient + " is not in conversation " + conversation);
        }
        if (upToSeq < 1) {
            throw new IllegalArgumentException("upToSeq must be at least 1, was " + upToSeq);
        }
    }

    /** The other participant, whose messages were delivered. */
    public UserId peer() {
        return conversation.peerOf(recipient);
    }

    @Override
    public LiveEventType type() {
        return LiveEventType.MESSAGE_DELIVERED;
    }

    @Override
    public Set<UserId> audience() {
        return Set.copyOf(List.of(recipient, peer()));
    }
}
