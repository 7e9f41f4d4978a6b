package io.chatplatform.application.cache;

import io.chatplatform.application.port.in.ViewCacheStats;
import io.chatplatform.application.port.out.BlockStore;
import io.chatplatform.application.port.out.CacheStore;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.application.port.out.EventPublisher;
import io.chatplatform.application.port.out.LoadInbox;
import io.chatplatform.application.port.out.LoadMessages;
import io.chatplatform.application.port.out.LoadUser;
import io.chatplatform.application.port.out.SessionStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts a {@link CacheStore} in front of the read ports: wraps them in cache-aside reads, supplies
 * the event listener that invalidates, and reports the statistics.
 */
public final class ChatCache implements ViewCacheStats {

    private final CacheStore store;
    private final CacheCounters counters = new CacheCounters();
    private final ReadThrough readThrough;

    public ChatCache(CacheStore store, ChatMetrics metrics) {
        this.store = Objects.requireNonNull(store, "store");
        this.readThrough = new ReadThrough(store, counters, metrics);
    }

    /** User reads through the cache (credentials bypass it). */
    public LoadUser users(LoadUser delegate) {
        return new CachedUserReads(delegate, readThrough);
    }

    /** Message reads through the cache. */
    public LoadMessages messages(LoadMessages delegate) {
        return new CachedMessageReads(delegate, readThrough);
    }

    /** Conversation-list reads through the cache. */
    public LoadInbox inbox(LoadInbox delegate) {
        return new CachedInboxReads(delegate, readThrough);
    }

    /** Session checks through the cache (writes go straight to the store). */
    public SessionStore sessions(SessionStore delegate) {
        return new CachedSessions(delegate, readThrough);
    }

    /** Block lists through the cache (writes go straight to the store). */
    public BlockStore blocks(BlockStore delegate) {
        return new CachedBlocks(delegate, readThrough);
    }

    /** The listener that makes stale entries unreachable after each committed change. */
    public EventPublisher invalidation() {
        return new CacheInvalidation(store);
    }

    @Override
    public CacheReport cacheStats() {
        return new CacheReport(Optional.of(store.serverStats()), counters.snapshot());
    }
}
