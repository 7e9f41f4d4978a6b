package io.chatplatform.domain.block;

import io.chatplatform.domain.user.UserId;
import java.util.Objects;
import java.util.Set;

/**
 * Both directions of one user's blocks: whom they blocked, and who blocked them. Kept per user (on
 * the user's shard), so that every question about a pair is one lookup on either side.
 *
 * <p>A block separates two people both ways for everything live: neither sees the other's typing
 * or presence. Sending is refused to the blocked user (and to the blocker, until they unblock).
 * Search hides the blocker from the blocked user. The conversation and its history stay readable.
 */
public record BlockList(UserId owner, Set<UserId> blocked, Set<UserId> blockedBy) {

    public BlockList {
        Objects.requireNonNull(owner, "owner");
        blocked = Set.copyOf(blocked);
        blockedBy = Set.copyOf(blockedBy);
        if (blocked.contains(owner) || blockedBy.contains(owner)) {
            throw new IllegalArgumentException("nobody blocks themself");
        }
    }

    /** Nobody blocked, by nobody. */
    public static BlockList empty(UserId owner) {
        return new BlockList(owner, Set.of(), Set.of());
    }

    /** Whether the owner blocked {@code other}. */
    public boolean hasBlocked(UserId other) {
        return blocked.contains(other);
    }

    /** Whether {@code other} blocked the owner. */
    public boolean isBlockedBy(UserId other) {
        return blockedBy.contains(other);
    }

    /** Whether a block stands between the owner and {@code other}, either way. */
    public boolean separates(UserId other) {
        return hasBlocked(other) || isBlockedBy(other);
    }

    /** Whether nothing is blocked either way. */
    public boolean isEmpty() {
        return blocked.isEmpty() && blockedBy.isEmpty();
    }
}
