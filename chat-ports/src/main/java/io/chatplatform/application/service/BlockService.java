package io.chatplatform.application.service;

import io.chatplatform.application.port.in.BlockUsers;
import io.chatplatform.application.port.out.BlockStore;
import io.chatplatform.application.port.out.EventPublisher;
import io.chatplatform.application.port.out.LiveEventBus;
import io.chatplatform.application.port.out.LoadUser;
import io.chatplatform.application.port.out.PresenceRegistry;
import io.chatplatform.domain.block.BlockList;
import io.chatplatform.domain.block.BlockPolicy;
import io.chatplatform.domain.event.BlockChanged;
import io.chatplatform.domain.realtime.PresenceChanged;
import io.chatplatform.domain.user.UserId;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Blocking. The block is stored on both sides, then published (the cache drops both block lists);
 * then each side's live clients are told the other went offline (a block hides presence both ways),
 * and after an unblock, told the other's real presence again.
 */
public final class BlockService implements BlockUsers {

    private final BlockStore blocks;
    private final LoadUser users;
    private final PresenceRegistry presence;
    private final LiveEventBus bus;
    private final EventPublisher events;
    private final Clock clock;

    public BlockService(BlockStore blocks, LoadUser users, PresenceRegistry presence, LiveEventBus bus,
                        EventPublisher events, Clock clock) {
        this.blocks = Objects.requireNonNull(blocks, "blocks");
        this.users = Objects.requireNonNull(users, "users");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Result block(UserId caller, UserId target) {
        Optional<Result> invalid = check(caller, target);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        BlockList own = blocks.blocksOf(caller);
        if (!own.hasBlocked(target) && own.blocked().size() >= BlockPolicy.MAX_BLOCKED) {
            return new TooManyBlocked(BlockPolicy.MAX_BLOCKED);
        }
        if (blocks.block(caller, target, Times.now(clock))) {
            events.publish(new BlockChanged(caller, target, true));
            bus.publish(new PresenceChanged(caller, false, Set.of(target)));
            bus.publish(new PresenceChanged(target, false, Set.of(caller)));
        }
        return new Done();
    }

    @Override
    public Result unblock(UserId caller, UserId target) {
        Optional<Result> invalid = check(caller, target);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        if (blocks.unblock(caller, target)) {
            events.publish(new BlockChanged(caller, target, false));
            BlockList now = blocks.blocksOf(caller);
            if (!now.separates(target)) {
                // the other way may still stand; if not, each sees the other as they are again
                Set<UserId> online = presence.onlineAmong(List.of(caller, target), clock.instant());
                bus.publish(new PresenceChanged(caller, online.contains(caller), Set.of(target)));
                bus.publish(new PresenceChanged(target, online.contains(target), Set.of(caller)));
            }
        }
        return new Done();
    }

    @Override
    public List<BlockedUser> blocked(UserId caller) {
        return blocks.blocksOf(caller).blocked().stream()
                .flatMap(id -> users.accountById(id).stream())
                .map(account -> new BlockedUser(account.id(), account.username()))
                .sorted(Comparator.comparing(blocked -> blocked.username().canonical()))
                .toList();
    }

    private Optional<Result> check(UserId caller, UserId target) {
        if (caller.equals(target)) {
            return Optional.of(new CannotBlockSelf());
        }
        if (users.accountById(target).isEmpty()) {
            return Optional.of(new UserNotFound());
        }
        return Optional.empty();
    }
}
