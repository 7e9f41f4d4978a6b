package io.chatplatform.application.inmemory;

import io.chatplatform.application.port.out.SessionStore;
import io.chatplatform.domain.session.RefreshTokenHash;
import io.chatplatform.domain.session.Session;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Sessions in memory: the reference for {@link SessionStore}'s contract. Thread-safe (one lock). */
public final class InMemorySessionStore implements SessionStore {

    private final Map<SessionId, Entry> sessions = new HashMap<>();
    private long lastId;

    /** A session with its current token's hash and the hashes it spent (with when). */
    private record Entry(Session session, RefreshTokenHash current, Map<RefreshTokenHash, Instant> spent) {
    }

    @Override
    public synchronized Session create(NewSession session) {
        sessions.values().removeIf(entry -> entry.session().user().equals(session.user())
                && !entry.session().refreshableAt(session.createdAt()));
        Session created = new Session(SessionId.of(++lastId), session.user(), session.createdAt(), session.createdAt(),
                session.userAgent(), session.refreshExpiresAt());
        sessions.put(created.id(), new Entry(created, session.refresh(), new HashMap<>()));
        return created;
    }

    @Override
    public synchronized Rotation rotate(UserId user, SessionId id, RefreshTokenHash presented, RefreshTokenHash next,
                                        Instant now, Instant nextExpiresAt) {
        Entry entry = sessions.get(id);
        if (entry == null || !entry.session().user().equals(user)) {
            return new Unknown();
        }
        if (entry.current().equals(presented)) {
            if (!entry.session().refreshableAt(now)) {
                return new Expired();
            }
            Session session = entry.session();
            Session rotated = new Session(session.id(), user, session.createdAt(),
                    now.isAfter(session.lastUsedAt()) ? now : session.lastUsedAt(), session.userAgent(), nextExpiresAt);
            Map<RefreshTokenHash, Instant> spent = new HashMap<>(entry.spent());
            spent.put(presented, now);
            sessions.put(id, new Entry(rotated, next, spent));
            return new Rotated(rotated);
        }
        Instant spentAt = entry.spent().get(presented);
        return spentAt != null ? new Spent(spentAt) : new Unknown();
    }

    @Override
    public synchronized boolean isActive(UserId user, SessionId session) {
        Entry entry = sessions.get(session);
        return entry != null && entry.session().user().equals(user);
    }

    @Override
    public synchronized List<Session> list(UserId user) {
        return sessions.values().stream()
                .map(Entry::session)
                .filter(session -> session.user().equals(user))
                .sorted(Comparator.comparing(Session::lastUsedAt).reversed().thenComparing(session -> session.id().value()))
                .toList();
    }

    @Override
    public synchronized boolean end(UserId user, SessionId session) {
        Entry entry = sessions.get(session);
        if (entry == null || !entry.session().user().equals(user)) {
            return false;
        }
        sessions.remove(session);
        return true;
    }

    @Override
    public synchronized Set<SessionId> endAll(UserId user, Optional<SessionId> keep) {
        Set<SessionId> ended = new HashSet<>();
        sessions.values().removeIf(entry -> {
            boolean ends = entry.session().user().equals(user) && !keep.equals(Optional.of(entry.session().id()));
            if (ends) {
                ended.add(entry.session().id());
            }
            return ends;
        });
        return ended;
    }
}
