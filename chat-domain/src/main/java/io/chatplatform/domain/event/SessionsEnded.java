package io.chatplatform.domain.event;

import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.util.Objects;
import java.util.Set;

/**
 * Sessions of {@code user} ended (logged out, revoked, ended by a password change or the account's
 * deletion): their access tokens must be refused everywhere, and their live connections closed.
 */
public record SessionsEnded(UserId user, Set<SessionId> sessions) implements DomainEvent {

    public SessionsEnded {
        Objects.requireNonNull(user, "user");
        sessions = Set.copyOf(sessions);
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("at least one session ends");
        }
    }
}
