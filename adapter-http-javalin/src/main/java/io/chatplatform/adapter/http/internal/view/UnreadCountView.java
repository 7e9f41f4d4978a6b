package io.chatplatform.adapter.http.internal.view;

/** How many messages the caller has not read, over all conversations. */
public record UnreadCountView(long unreadCount) {
}
