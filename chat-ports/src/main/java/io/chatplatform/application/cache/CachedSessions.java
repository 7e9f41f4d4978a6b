package io.chatplatform.application.cache;

import io.chatplatform.application.port.out.CacheKey;
import io.chatplatform.application.port.out.SessionStore;
import io.chatplatform.domain.session.RefreshTokenHash;
import io.chatplatform.domain.session.Session;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Sessions through the cache: only {@link #isActive}, which every authenticated request asks, is
 * cached. An ending is a write to the store of record, then an invalidation of the session's scope
 * (by the {@code SessionsEnded} event) before the caller is answered: from then on every instance
 * misses and reads the store, which no longer has it.
 */
final class CachedSessions implements SessionStore {

    private final SessionStore delegate;
    private final ReadThrough cache;

    CachedSessions(SessionStore delegate, ReadThrough cache) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public boolean isActive(UserId user, SessionId session) {
        return cache.get(CacheKey.sessionActive(user, session), () -> delegate.isActive(user, session));
    }

    @Override
    public Session create(NewSession session) {
        return delegate.create(session);
    }

    @Override
    public Rotation rotate(UserId user, SessionId session, RefreshTokenHash presented, RefreshTokenHash next, Instant now,
                           Instant nextExpiresAt) {
        return delegate.rotate(user, session, presented, next, now, nextExpiresAt);
    }

    @Override
    public List<Session> list(UserId user) {
        return delegate.list(user);
    }

    @Override
    public boolean end(UserId user, SessionId session) {
        return delegate.end(user, session);
    }

    @Override
    public Set<SessionId> endAll(UserId user, Optional<SessionId> keep) {
        return delegate.endAll(user, keep);
    }
}
