package io.chatplatform.domain.realtime;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A reader's read marker moved forward to message seq {@code upToSeq}: the peer learns how far
 * their messages were read, the reader's other devices clear their unread badges.
 */
public record ReadMarkerMoved(ConversationId conversation, UserId reader, long upToSeq, long position)
        implements ConversationChange {

    public ReadMarkerMoved {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(reader, "reader");
        ConversationChange.requirePosition(position);
        if (!conversation.involves(reader)) {
            throw new IllegalArgumentException("reader " + reader + " is not in conversation " + conversation);
        }
        if (upToSeq < 0) {
            throw new IllegalArgumentException("upToSeq cannot be negative, was " + upToSeq);
        }
    }

    /** The other participant. */
    public UserId peer() {
        return conversation.peerOf(reader);
    }

    @Override
    public LiveEventType type() {
        return LiveEventType.MESSAGE_READ;
    }

    @Override
    public Set<UserId> audience() {
        return Set.copyOf(List.of(reader, peer()));
    }
}
