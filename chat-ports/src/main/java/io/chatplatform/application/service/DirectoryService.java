package io.chatplatform.application.service;

import io.chatplatform.application.port.in.ListOnlineUsers;
import io.chatplatform.application.port.in.SearchUsers;
import io.chatplatform.application.port.in.Throttled;
import io.chatplatform.application.port.in.UserSummary;
import io.chatplatform.application.port.in.ViewProfile;
import io.chatplatform.application.port.out.FindUsers;
import io.chatplatform.application.port.out.FindUsers.DirectoryEntry;
import io.chatplatform.application.port.out.LoadUser;
import io.chatplatform.application.port.out.PresenceRegistry;
import io.chatplatform.domain.limit.LimitedAction;
import io.chatplatform.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Finding other users: search, who is online, public profiles. Presence comes from the registry. */
public final class DirectoryService implements SearchUsers, ListOnlineUsers, ViewProfile {

    private final FindUsers findUsers;
    private final LoadUser loadUser;
    private final PresenceRegistry presence;
    private final RateLimiting limits;
    private final Clock clock;

    public DirectoryService(FindUsers findUsers, LoadUser loadUser, PresenceRegistry presence, RateLimiting limits,
                            Clock clock) {
        this.findUsers = Objects.requireNonNull(findUsers, "findUsers");
        this.loadUser = Objects.requireNonNull(loadUser, "loadUser");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public SearchUsers.Result search(SearchUsers.Query query) {
        // searches fan out to every shard: the most expensive read a client can repeat
        Optional<Throttled> refused = limits.acquire(LimitedAction.SEARCHES_PER_USER, query.searcher().toString());
        if (refused.isPresent()) {
            return refused.get();
        }
        List<DirectoryEntry> found = findUsers.search(query.term(), query.searcher(), query.limit());
        Set<UserId> online = presence.onlineAmong(found.stream().map(DirectoryEntry::id).toList(), clock.instant());
        return new SearchUsers.Found(found.stream().map(entry -> summary(entry, online.contains(entry.id()))).toList());
    }

    @Override
    public List<UserSummary> onlineUsers(ListOnlineUsers.Query query) {
        // one more than asked for, in case the viewer is among them
        List<UserId> online = presence.online(clock.instant(), query.limit() + 1).stream()
                .filter(id -> !id.equals(query.viewer()))
                .limit(query.limit())
                .toList();
        if (online.isEmpty()) {
            return List.of();
        }
        Map<UserId, Integer> rank = new HashMap<>();
        online.forEach(id -> rank.putIfAbsent(id, rank.size()));
        return findUsers.byIds(online).stream()
                .sorted(Comparator.comparing((DirectoryEntry entry) -> rank.get(entry.id())))
                .map(entry -> summary(entry, true))
                .toList();
    }

    @Override
    public Optional<PublicProfile> profileOf(UserId viewer, UserId target) {
        Instant now = clock.instant();
        return loadUser.accountById(target).map(user -> new PublicProfile(user.id(), user.username(), user.profile(),
                user.createdAt(), user.lastSeen(), !presence.onlineAmong(List.of(target), now).isEmpty()));
    }

    private static UserSummary summary(DirectoryEntry entry, boolean online) {
        return new UserSummary(entry.id(), entry.username(), entry.displayName(), entry.lastSeen(), online);
    }
}
