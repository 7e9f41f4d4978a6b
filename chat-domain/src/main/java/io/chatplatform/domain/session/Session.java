package io.chatplatform.domain.session;

import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A login session: one device or browser that logged in, and keeps its access alive by refreshing.
 * A session that is logged out or revoked no longer exists (it is not kept as "revoked"): its
 * refresh token then finds nothing, and its access tokens are refused.
 *
 * @param lastUsedAt       when a token was last issued for it (login or refresh); requests in
 *                         between are not recorded, so this is precise to an access token's lifetime
 * @param refreshExpiresAt until when its current refresh token may be used; every refresh moves it on
 */
public record Session(SessionId id, UserId user, Instant createdAt, Instant lastUsedAt,
                      Optional<UserAgent> userAgent, Instant refreshExpiresAt) {

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(refreshExpiresAt, "refreshExpiresAt");
        if (lastUsedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("a session cannot be used before it was created");
        }
    }

    /** Whether its refresh token may still be used at {@code now}. */
    public boolean refreshableAt(Instant now) {
        return now.isBefore(refreshExpiresAt);
    }
}
