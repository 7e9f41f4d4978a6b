package io.chatplatform.application.realtime;

import io.chatplatform.domain.realtime.LiveEvent;
import io.chatplatform.domain.user.UserId;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The live connections open on this instance, by user, and the fan-out of bus events to them:
 * an event goes to every local connection of every user in its audience. Thread-safe: the bus
 * thread, the timers and the connections' mailboxes use it at once.
 */
final class ConnectionRegistry {

    private final Map<UserId, Set<LiveSession>> local = new ConcurrentHashMap<>();

    void add(LiveSession session) {
        local.computeIfAbsent(session.user(), id -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void remove(LiveSession session) {
        Set<LiveSession> sessions = local.get(session.user());
        if (sessions != null) {
            sessions.remove(session);
            local.computeIfPresent(session.user(), (id, remaining) -> remaining.isEmpty() ? null : remaining);
        }
    }

    /** Hands the event to the local connections of its audience; each only queues it, so this returns quickly. */
    void dispatch(LiveEvent event) {
        for (UserId user : event.audience()) {
            for (LiveSession session : local.getOrDefault(user, Set.of())) {
                session.receive(event);
            }
        }
    }

    /** Every local connection, one at a time. */
    void forEach(Consumer<LiveSession> action) {
        local.values().forEach(sessions -> sessions.forEach(action));
    }

    /** Tells every local connection that events may have been lost. */
    void adviseResync() {
        forEach(LiveSession::adviseResync);
    }

    int size() {
        return local.values().stream().mapToInt(Set::size).sum();
    }
}
