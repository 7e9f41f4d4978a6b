package io.chatplatform.domain.event;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.user.UserId;
import java.util.Objects;

/**
 * A reader's read marker in a conversation moved forward.
 *
 * @param conversationId the conversation
 * @param reader         who read
 * @param upToSeq        the reader's read marker after the change
 * @param unreadCount    what the reader has left unread in this conversation
 * @param position       the move's position in the conversation's change stream
 */
public record MessagesRead(ConversationId conversationId, UserId reader, long upToSeq, long unreadCount, long position)
        implements DomainEvent {

    public MessagesRead {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(reader, "reader");
        if (!conversationId.involves(reader)) {
            throw new IllegalArgumentException("reader " + reader + " is not in conversation " + conversationId);
        }
        if (upToSeq < 0 || unreadCount < 0 || position < 1) {
            throw new IllegalArgumentException("upToSeq and unreadCount must not be negative, position must be positive");
        }
    }
}
