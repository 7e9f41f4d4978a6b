package io.chatplatform.application.port.in;

import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.util.List;
import java.util.Objects;

/**
 * Blocks and unblocks users. A block takes effect on every instance before the call returns: the
 * blocked user can no longer message the blocker, neither sees the other's typing or presence,
 * and the blocker leaves the blocked user's search and online lists. Unblocking restores all of it.
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface BlockUsers {

    /** {@code caller} blocks {@code target}; blocking twice is no error. */
    Result block(UserId caller, UserId target);

    /** {@code caller} lifts a block of {@code target}; lifting one that does not stand is no error. */
    Result unblock(UserId caller, UserId target);

    /** Whom the caller blocked, by user id. */
    List<BlockedUser> blocked(UserId caller);

    /** A blocked user as the list shows them. */
    record BlockedUser(UserId id, Username username) {
        public BlockedUser {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(username, "username");
        }
    }

    /** What became of a block or an unblock. */
    sealed interface Result permits Done, UserNotFound, CannotBlockSelf, TooManyBlocked {
    }

    /** The block stands (or no longer does). */
    record Done() implements Result {
    }

    /** No user has the target's id. */
    record UserNotFound() implements Result {
    }

    /** A user cannot block themself. */
    record CannotBlockSelf() implements Result {
    }

    /** The caller already blocked the most users one may ({@link io.chatplatform.domain.block.BlockPolicy#MAX_BLOCKED}). */
    record TooManyBlocked(int limit) implements Result {
    }
}
