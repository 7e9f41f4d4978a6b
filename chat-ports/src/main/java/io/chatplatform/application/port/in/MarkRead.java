package io.chatplatform.application.port.in;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * Moves the caller's read marker forward. Marking one message read marks everything before it in
 * its conversation read as well: read state is a position, not a flag per message.
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface MarkRead {

    /** Marks {@code message} and everything before it read; only its recipient may. */
    Result markMessageRead(UserId reader, MessageId message);

    /**
     * Marks the caller's conversation with {@code peer} read up to {@code upTo}, or entirely when
     * {@code upTo} is empty.
     */
    Result markConversationRead(UserId reader, UserId peer, Optional<MessageId> upTo);

    /** What became of a mark-read. */
    sealed interface Result {
    }

    /** The reader's marker now stands at {@code upToSeq}, leaving {@code unreadCount} unread in this conversation. */
    record Marked(ConversationId conversationId, long upToSeq, long unreadCount) implements Result {
        public Marked {
            Objects.requireNonNull(conversationId, "conversationId");
        }
    }

    /**
     * No such message or conversation, or not one the caller may mark (another user's message,
     * a message the caller sent): the answer does not say which.
     */
    record NotFound() implements Result {
    }
}
