package io.chatplatform.application.port.out;

import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Issues and checks the bearer tokens that prove who a caller is.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface AccessTokens {

    /** A token for {@code user}'s {@code session}, valid from {@code issuedAt} for the issuer's lifetime. */
    AccessToken issue(UserId user, SessionId session, Instant issuedAt);

    /** Who a token was issued to and until when, if it is authentic and not expired at {@code now}. */
    Optional<Grant> verify(String token, Instant now);

    /**
     * What a valid token proves: who the caller is, in which session, until when. A token is
     * genuine by its signature; whether its session still stands is asked of the session store.
     */
    record Grant(UserId user, SessionId session, Instant expiresAt) {
        public Grant {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** A signed token, when it was issued and when it stops being accepted. Never printed. */
    record AccessToken(String value, Instant issuedAt, Instant expiresAt) {
        public AccessToken {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(expiresAt, "expiresAt");
            if (!expiresAt.isAfter(issuedAt)) {
                throw new IllegalArgumentException("a token must expire after it is issued");
            }
        }

        /** How long the token is accepted, from its issue. */
        public Duration lifetime() {
            return Duration.between(issuedAt, expiresAt);
        }

        @Override
        public String toString() {
            return "AccessToken[***, expiresAt=" + expiresAt + "]";
        }
    }
}
