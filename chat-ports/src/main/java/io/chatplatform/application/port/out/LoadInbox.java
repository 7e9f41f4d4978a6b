package io.chatplatform.application.port.out;

import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/**
 * Reads a user's conversation list. All of it lives with the user, so each call is one query.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface LoadInbox {

    /** The owner's conversations, most recent activity first. */
    List<InboxEntry> list(UserId owner, int limit);

    /**
     * The owner's line for the conversation with {@code peer}, if they have one: whether two users
     * have a conversation, in one read by the owner's key.
     */
    Optional<InboxEntry> entry(UserId owner, UserId peer);

    /**
     * Up to {@code limit} of the owner's conversations in peer id order, after {@code afterPeer}:
     * walks the whole list a page at a time (an export), whatever its length.
     */
    List<InboxEntry> byPeer(UserId owner, Optional<UserId> afterPeer, int limit);

    /** The sum of the owner's unread counts over all their conversations. */
    long totalUnread(UserId owner);
}
