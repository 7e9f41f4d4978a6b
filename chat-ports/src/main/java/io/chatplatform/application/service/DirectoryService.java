package io.chatplatform.application.service;

import io.chatplatform.application.port.in.ListOnlineUsers;
import io.chatplatform.application.port.in.SearchUsers;
import io.chatplatform.application.port.in.Throttled;
import io.chatplatform.application.port.in.UserSummary;
import io.chatplatform.application.port.in.ViewProfile;
import io.chatplatform.application.port.out.BlockStore;
import io.chatplatform.application.port.out.FindUsers;
import io.chatplatform.application.port.out.FindUsers.DirectoryEntry;
import io.chatplatform.application.port.out.LoadUser;
import io.chatplatform.application.port.out.PresenceRegistry;
import io.chatplatform.domain.limit.LimitedAction;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.block.BlockList;
import io.chatplatform.domain.block.BlockPolicy;
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
    private final BlockStore blocks;
    private final Clock clock;

    public DirectoryService(FindUsers findUsers, LoadUser loadUser, PresenceRegistry presence, RateLimiting limits,
                            BlockStore blocks, Clock clock) {
        this.findUsers = Objects.requireNonNull(findUsers, "findUsers");
        this.loadUser = Objects.requireNonNull(loadUser, "loadUser");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.blocks = Objects.requireNonNull(blocks, "blocks");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public SearchUsers.Result search(SearchUsers.Query query) {
        // searches fan out to every shard: the most expensive read a client can repeat
        Optional<Throttled> refused = limits.acquire(LimitedAction.SEARCHES_PER_USER, query.searcher().toString());
        if (refused.isPresent()) {
            return refused.get();
        }
        BlockList own = blocks.blocksOf(query.searcher());
        // whoever blocked the searcher is not found; whom the searcher blocked is found (to unblock), never online
        List<DirectoryEntry> found = findUsers.search(query.term(), query.searcher(), query.limit()).stream()
                .filter(entry -> !own.isBlockedBy(entry.id()))
                .toList();
        Set<UserId> online = presence.onlineAmong(found.stream().map(DirectoryEntry::id).toList(), clock.instant());
        return new SearchUsers.Found(found.stream()
                .map(entry -> summary(entry, online.contains(entry.id()) && !own.separates(entry.id())))
                .toList());
    }

    @Override
    public List<UserSummary> onlineUsers(ListOnlineUsers.Query query) {
        BlockList own = blocks.blocksOf(query.viewer());
        // one more than asked for, in case the viewer is among them, and as many more as might be blocked
        List<UserId> online = presence.online(clock.instant(), query.limit() + 1 + Math.min(own.blocked().size()
                        + own.blockedBy().size(), BlockPolicy.MAX_BLOCKED)).stream()
                .filter(id -> !id.equals(query.viewer()))
                .filter(id -> !own.separates(id))
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
        boolean hidden = blocks.blocksOf(viewer).separates(target);
        return loadUser.accountById(target).map(user -> new PublicProfile(user.id(), user.username(), user.profile(),
                user.createdAt(), user.lastSeen(), !hidden && !presence.onlineAmong(List.of(target), now).isEmpty()));
    }

    private static UserSummary summary(DirectoryEntry entry, boolean online) {
        return new UserSummary(entry.id(), entry.username(), entry.displayName(), entry.lastSeen(), online);
    }
}
