package io.chatplatform.application.port.out;

import io.chatplatform.domain.session.RefreshTokenHash;
import io.chatplatform.domain.session.Session;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.session.UserAgent;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps login sessions and the hashes of their refresh tokens. Every call names the session's
 * user: sessions live with their user (on Citus, on the user's shard), so each call is a lookup
 * by the user's key. An ended session is deleted, with every hash it had.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface SessionStore {

    /**
     * Stores a new session whose current refresh token has hash {@code refresh}, and assigns its
     * id. Sessions of the same user whose refresh token expired by the new one's creation are
     * removed on the way (they can never be used again; nothing else would remove them).
     */
    Session create(NewSession session);

    /**
     * Replaces the session's refresh token, atomically: only when {@code presented} is the current
     * token's hash and the token has not expired at {@code now}. The presented hash is then kept as
     * spent (with {@code now}), {@code next} becomes current until {@code nextExpiresAt}, and the
     * session's last use becomes {@code now}. Of two rotations with the same presented hash, exactly
     * one succeeds; the other finds it {@link Spent}.
     */
    Rotation rotate(UserId user, SessionId session, RefreshTokenHash presented, RefreshTokenHash next, Instant now,
                    Instant nextExpiresAt);

    /** Whether the session exists (it was not ended). Asked on every authenticated request, through the cache. */
    boolean isActive(UserId user, SessionId session);

    /** The user's sessions, most recently used first. */
    List<Session> list(UserId user);

    /** Ends (deletes) one session; whether it existed. */
    boolean end(UserId user, SessionId session);

    /** Ends every session of the user but {@code keep} (all when empty); the ids of those that ended. */
    Set<SessionId> endAll(UserId user, Optional<SessionId> keep);

    /** A session to create. */
    record NewSession(UserId user, RefreshTokenHash refresh, Instant createdAt, Optional<UserAgent> userAgent,
                      Instant refreshExpiresAt) {
        public NewSession {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(refresh, "refresh");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(userAgent, "userAgent");
            Objects.requireNonNull(refreshExpiresAt, "refreshExpiresAt");
        }
    }

    /** What became of a rotation. */
    sealed interface Rotation permits Rotated, Spent, Expired, Unknown {
    }

    /** The presented token was current: {@code next} is current now. */
    record Rotated(Session session) implements Rotation {
        public Rotated {
            Objects.requireNonNull(session, "session");
        }
    }

    /** The presented token was current once, and was spent at {@code spentAt}: nothing changed. */
    record Spent(Instant spentAt) implements Rotation {
        public Spent {
            Objects.requireNonNull(spentAt, "spentAt");
        }
    }

    /** The presented token is current, but expired: nothing changed. */
    record Expired() implements Rotation {
    }

    /** No such session, or the token was never one of its tokens: nothing changed. */
    record Unknown() implements Rotation {
    }
}
