package io.chatplatform.application.port.in;

import io.chatplatform.domain.user.UserId;

/**
 * Counts what the caller has not read, over all their conversations.
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface CountUnread {

    long unreadCount(UserId owner);
}
