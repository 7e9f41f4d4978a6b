package io.chatplatform.domain.event;

/**
 * Something that happened and that others (open connections, caches, metrics) may react to.
 * Published only after the change it describes has been committed.
 */
public sealed interface DomainEvent permits AccountErased, ActivityRecorded, BlockChanged, ContentErased, ConversationChanged,
        MessageSent, MessagesRead, ProfileChanged, SessionsEnded, UserRegistered {
}
