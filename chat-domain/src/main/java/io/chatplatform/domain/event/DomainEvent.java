package io.chatplatform.domain.event;

/**
 * Something that happened and that others (open connections, caches, metrics) may react to.
 * Published only after the change it describes has been committed.
 */
public sealed interface DomainEvent permits ActivityRecorded, ConversationChanged, MessageSent, MessagesRead, ProfileChanged, UserRegistered {
}
