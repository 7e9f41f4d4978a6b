package io.chatplatform.application.cache;

import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.application.port.out.LoadInbox;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Conversation-list reads through the cache. */
final class CachedInboxReads implements LoadInbox {

    private final LoadInbox inbox;
    private final ReadThrough cache;

    CachedInboxReads(LoadInbox inbox, ReadThrough cache) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public List<InboxEntry> list(UserId owner, int limit) {
        return cache.get(CacheKey.conversationList(owner, limit), () -> inbox.list(owner, limit));
    }

    /**
     * Straight from the store: one read by key, and asked for rarely (a typing indication, at most
     * one per second per connection), so a cache entry per pair of users would cost more than it saves.
     */
    @Override
    public Optional<InboxEntry> entry(UserId owner, UserId peer) {
        return inbox.entry(owner, peer);
    }

    @Override
    public List<InboxEntry> byPeer(UserId owner, Optional<UserId> afterPeer, int limit) {
        // walks a whole list once (an export): not worth caching
        return inbox.byPeer(owner, afterPeer, limit);
    }

    @Override
    public long totalUnread(UserId owner) {
        return cache.get(CacheKey.unreadCount(owner), () -> inbox.totalUnread(owner));
    }
}
