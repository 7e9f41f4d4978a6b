package io.chatplatform.domain.event;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Objects;

/**
 * One batch of a deleted account's erasure: the text of {@code messages}, which {@code author} sent
 * in {@code conversation}, is gone (they are tombstones now), and the conversation no longer
 * belongs to the author's list.
 */
public record ContentErased(UserId author, ConversationId conversation, List<MessageId> messages) implements DomainEvent {

    public ContentErased {
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(conversation, "conversation");
        messages = List.copyOf(messages);
        if (!conversation.involves(author)) {
            throw new IllegalArgumentException(author + " is not in conversation " + conversation);
        }
    }
}
