package io.chatplatform.application.service;

import io.chatplatform.application.port.in.ListOnlineUsers;
import io.chatplatform.application.port.in.SearchUsers;
import io.chatplatform.application.port.in.UserSummary;
import io.chatplatform.application.port.in.ViewProfile;
import io.chatplatform.application.port.out.FindUsers;
import io.chatplatform.application.port.out.LoadUser;
import io.chatplatform.domain.user.Presence;
import io.chatplatform.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Finding other users: search, who is online, public profiles. */
public final class DirectoryService implements SearchUsers, ListOnlineUsers, ViewProfile {

    private final FindUsers findUsers;
    private final LoadUser loadUser;
    private final Presence presence;
    private final Clock clock;

    public DirectoryService(FindUsers findUsers, LoadUser loadUser, Presence presence, Clock clock) {
        this.findUsers = Objects.requireNonNull(findUsers, "findUsers");
        this.loadUser = Objects.requireNonNull(loadUser, "loadUser");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<UserSummary> search(SearchUsers.Query query) {
        Instant now = clock.instant();
        return findUsers.search(query.term(), query.searcher(), query.limit()).stream()
                .map(entry -> summary(entry, now))
                .toList();
    }

    @Override
    public List<UserSummary> onlineUsers(ListOnlineUsers.Query query) {
        Instant now = clock.instant();
        return findUsers.seenSince(presence.onlineSince(now), query.viewer(), query.limit()).stream()
                .map(entry -> summary(entry, now))
                .toList();
    }

    @Override
    public Optional<PublicProfile> profileOf(UserId viewer, UserId target) {
        Instant now = clock.instant();
        return loadUser.byId(target).map(user -> new PublicProfile(user.id(), user.username(), user.profile(),
                user.createdAt(), user.lastSeen(), presence.isOnline(user.lastSeen(), now)));
    }

    private UserSummary summary(FindUsers.DirectoryEntry entry, Instant now) {
        return new UserSummary(entry.id(), entry.username(), entry.displayName(), entry.lastSeen(),
                presence.isOnline(entry.lastSeen(), now));
    }
}
