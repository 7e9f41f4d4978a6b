package io.chatplatform.application.cache;

import io.chatplatform.application.port.out.BlockStore;
import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.domain.block.BlockList;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;

/** Block lists through the cache: every send reads the recipient's; a block or unblock makes both users' stale. */
final class CachedBlocks implements BlockStore {

    private final BlockStore delegate;
    private final ReadThrough cache;

    CachedBlocks(BlockStore delegate, ReadThrough cache) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public BlockList blocksOf(UserId user) {
        return cache.get(CacheKey.blocks(user), () -> delegate.blocksOf(user));
    }

    @Override
    public boolean block(UserId blocker, UserId blocked, Instant at) {
        return delegate.block(blocker, blocked, at);
    }

    @Override
    public boolean unblock(UserId blocker, UserId blocked) {
        return delegate.unblock(blocker, blocked);
    }
}
