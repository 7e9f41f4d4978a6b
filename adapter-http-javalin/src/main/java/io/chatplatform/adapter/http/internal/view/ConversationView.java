package io.chatplatform.adapter.http.internal.view;

import io.chatplatform.domain.conversation.InboxEntry;
import java.time.Instant;

/** One line of the caller's conversation list. */
public record ConversationView(long userId, String username, long unreadCount, long lastMessageId,
                               Instant lastMessageAt, String lastMessagePreview) {

    public static ConversationView of(InboxEntry entry) {
        return new ConversationView(entry.peer().value(), entry.peerUsername().value(), entry.unreadCount(),
                entry.lastMessageId().value(), entry.lastMessageAt(), entry.lastMessagePreview());
    }

    @Override
    public String toString() {
        return "ConversationView[userId=" + userId + ", unreadCount=" + unreadCount + "]";
    }
}
