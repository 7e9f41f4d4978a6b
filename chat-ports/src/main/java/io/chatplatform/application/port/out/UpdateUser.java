package io.chatplatform.application.port.out;

import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.ProfileUpdate;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * Changes existing accounts.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface UpdateUser {

    /** Applies a profile update atomically; empty when there is no such user. */
    Optional<User> updateProfile(UserId id, ProfileUpdate update);

    /**
     * Replaces the password hash, but only if the stored one is still {@code expected}, so that two
     * concurrent password changes cannot both succeed with different current passwords.
     *
     * @return whether the hash was replaced
     */
    boolean replacePasswordHash(UserId id, PasswordHash expected, PasswordHash replacement);

    /** Records that the user was active at {@code at}; never moves last-seen back. */
    void recordLastSeen(UserId id, Instant at);
}
