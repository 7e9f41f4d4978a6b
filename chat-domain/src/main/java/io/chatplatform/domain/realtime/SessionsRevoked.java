package io.chatplatform.domain.realtime;

import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.util.Objects;
import java.util.Set;

/**
 * Sessions of {@code user} ended: every instance closes the live connections opened with their
 * tokens ({@link CloseReason#SESSION_REVOKED}). Not a frame clients receive.
 */
public record SessionsRevoked(UserId user, Set<SessionId> sessions) implements LiveEvent {

    public SessionsRevoked {
        Objects.requireNonNull(user, "user");
        sessions = Set.copyOf(sessions);
    }

    @Override
    public Set<UserId> audience() {
        return Set.of(user);
    }

    @Override
    public LiveEventType type() {
        return LiveEventType.SESSION_REVOKED;
    }
}
