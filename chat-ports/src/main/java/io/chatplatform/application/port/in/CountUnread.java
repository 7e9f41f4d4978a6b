package io.chatplatform.application.port.in;

import io.chatplatform.domain.user.UserId;

/** Counts what the caller has not read, over all their conversations. */
public interface CountUnread {

    long unreadCount(UserId owner);
}
