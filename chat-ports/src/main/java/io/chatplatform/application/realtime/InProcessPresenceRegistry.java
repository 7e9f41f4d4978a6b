package io.chatplatform.application.realtime;

import io.chatplatform.application.port.out.PresenceRegistry;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Presence of a single instance, in memory: each user's claims (connections, recent activity) with their expiry. */
public final class InProcessPresenceRegistry implements PresenceRegistry {

    private static final String ACTIVITY = "activity";
    private final Map<UserId, Map<String, Instant>> claims = new HashMap<>();

    @Override
    public synchronized boolean connected(UserId user, String connection, Instant now, Instant until) {
        Map<String, Instant> mine = claims.computeIfAbsent(user, id -> new HashMap<>());
        boolean wasOnline = latest(mine).isAfter(now);
        mine.merge(connection, until, (a, b) -> a.isAfter(b) ? a : b);
        return !wasOnline;
    }

    @Override
    public synchronized boolean disconnected(UserId user, String connection, Instant now) {
        Map<String, Instant> mine = claims.get(user);
        if (mine == null) {
            return true;
        }
        mine.remove(connection);
        mine.values().removeIf(expiry -> !expiry.isAfter(now));
        if (mine.isEmpty()) {
            claims.remove(user);
            return true;
        }
        return false;
    }

    @Override
    public synchronized void active(UserId user, Instant until) {
        claims.computeIfAbsent(user, id -> new HashMap<>()).merge(ACTIVITY, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override
    public synchronized Set<UserId> onlineAmong(Collection<UserId> users, Instant now) {
        Set<UserId> online = new HashSet<>();
        for (UserId user : users) {
            Map<String, Instant> mine = claims.get(user);
            if (mine != null && latest(mine).isAfter(now)) {
                online.add(user);
            }
        }
        return online;
    }

    @Override
    public synchronized List<UserId> online(Instant now, int limit) {
        return claims.entrySet().stream()
                .filter(entry -> latest(entry.getValue()).isAfter(now))
                .sorted(Comparator.comparing((Map.Entry<UserId, Map<String, Instant>> entry) -> latest(entry.getValue()))
                        .reversed())
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
    }

    @Override
    public synchronized Set<UserId> expire(Instant now) {
        Set<UserId> expired = new HashSet<>();
        claims.entrySet().removeIf(entry -> {
            if (!latest(entry.getValue()).isAfter(now)) {
                expired.add(entry.getKey());
                return true;
            }
            return false;
        });
        return expired;
    }

    private static Instant latest(Map<String, Instant> mine) {
        return mine.values().stream().max(Comparator.naturalOrder()).orElse(Instant.MIN);
    }
}
