package io.chatplatform.domain.message;

import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored message. {@link #seq()} numbers the messages of one conversation 1, 2, 3, ... without
 * gaps, in the order they were committed, so a client that sees 7 after 5 knows it missed one.
 */
public record Message(MessageId id, ConversationId conversationId, long seq, UserId senderId, UserId recipientId,
                      MessageContent content, Instant createdAt, Optional<ClientMessageId> clientMessageId) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(clientMessageId, "clientMessageId");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1, was " + seq);
        }
        if (!conversationId.isBetween(senderId, recipientId)) {
            throw new IllegalArgumentException("message between " + senderId + " and " + recipientId
                    + " cannot belong to conversation " + conversationId);
        }
    }

    /** Whether {@code user} may see this message: its sender or its recipient. */
    public boolean isVisibleTo(UserId user) {
        return senderId.equals(user) || recipientId.equals(user);
    }
}
