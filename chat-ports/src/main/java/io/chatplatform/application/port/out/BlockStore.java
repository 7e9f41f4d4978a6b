package io.chatplatform.application.port.out;

import io.chatplatform.domain.block.BlockList;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;

/**
 * Keeps who blocked whom. A block is kept on both users' sides (on Citus, on both users' shards),
 * so that {@link #blocksOf} answers both directions with one lookup by one user's key.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface BlockStore {

    /** Records that {@code blocker} blocked {@code blocked}, on both sides at once; false if it already stood. */
    boolean block(UserId blocker, UserId blocked, Instant at);

    /** Lifts the block, on both sides at once; false if there was none. */
    boolean unblock(UserId blocker, UserId blocked);

    /** Both directions of the user's blocks, in one read by the user's key. */
    BlockList blocksOf(UserId user);
}
