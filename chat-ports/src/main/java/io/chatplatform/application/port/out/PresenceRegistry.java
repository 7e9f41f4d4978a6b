package io.chatplatform.application.port.out;

import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Who is online, shared by every instance. A user is online while they hold at least one live
 * connection (on any instance) or made an authenticated request recently. Every claim expires by
 * itself, so the users of an instance that crashed go offline without anyone telling.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface PresenceRegistry {

    /**
     * Records (or renews, as a heartbeat) that {@code connection} of {@code user} is open until
     * {@code until}.
     *
     * @return whether the user was offline at {@code now}, before this call
     */
    boolean connected(UserId user, String connection, Instant now, Instant until);

    /**
     * Removes a connection that closed.
     *
     * @return whether the user is offline now (no other connection, no recent activity)
     */
    boolean disconnected(UserId user, String connection, Instant now);

    /** Records an authenticated request: the user counts as online until {@code until}. */
    void active(UserId user, Instant until);

    /** Those of {@code users} who are online at {@code now}. */
    Set<UserId> onlineAmong(Collection<UserId> users, Instant now);

    /** Users online at {@code now}, most recently renewed first. */
    List<UserId> online(Instant now, int limit);

    /**
     * Forgets users whose every claim has expired by {@code now} and returns them, each to exactly
     * one caller across all instances, so that exactly one instance announces them offline.
     */
    Set<UserId> expire(Instant now);
}
