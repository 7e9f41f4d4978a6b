package io.chatplatform.application.realtime;

import io.chatplatform.application.port.out.ErrorReporter;
import io.chatplatform.application.port.out.ErrorReporter.Where;
import io.chatplatform.application.port.out.BlockStore;
import io.chatplatform.application.port.out.LiveEventBus;
import io.chatplatform.application.port.out.LoadInbox;
import io.chatplatform.application.port.out.PresenceRegistry;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.block.BlockList;
import io.chatplatform.domain.realtime.PresenceChanged;
import io.chatplatform.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps the presence of this instance's connections in the shared {@link PresenceRegistry} and
 * tells a user's watchers (their conversation partners) when the user comes or goes: when a
 * connection opens or closes, on every heartbeat (renewing the claims) and on every sweep
 * (announcing users whose claims expired, wherever they were connected). Thread-safe.
 */
final class PresenceKeeper {

    private final PresenceRegistry presence;
    private final LoadInbox inbox;
    private final BlockStore blocks;
    private final LiveEventBus bus;
    private final Clock clock;
    private final RealtimeSettings settings;
    private final ErrorReporter errors;

    PresenceKeeper(PresenceRegistry presence, LoadInbox inbox, BlockStore blocks, LiveEventBus bus, Clock clock, RealtimeSettings settings,
                   ErrorReporter errors) {
        this.presence = Objects.requireNonNull(presence, "presence");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.blocks = Objects.requireNonNull(blocks, "blocks");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    /** Connection {@code connection} of {@code user} opened: claims presence, announcing the user if they were offline. */
    void arrived(UserId user, String connection) {
        Instant now = clock.instant();
        if (presence.connected(user, connection, now, now.plus(settings.presenceTtl()))) {
            tellWatchers(user, true);
        }
    }

    /** The connection closed: announces the user offline if it was their last claim. */
    void left(UserId user, String connection) {
        if (presence.disconnected(user, connection, clock.instant())) {
            tellWatchers(user, false);
        }
    }

    /** Renews the claims of these connections; one that fails is reported, and the others go on. */
    void heartbeat(ConnectionRegistry connections) {
        Instant now = clock.instant();
        Instant until = now.plus(settings.presenceTtl());
        connections.forEach(session -> {
            try {
                // true when the user had gone offline meanwhile (a sweep after a stalled heartbeat, a Redis restart)
                if (presence.connected(session.user(), session.id(), now, until)) {
                    tellWatchers(session.user(), true);
                }
            } catch (RuntimeException e) {
                // the next heartbeat tries again
                errors.report(Where.PRESENCE_HEARTBEAT, e);
            }
        });
    }

    /** Announces offline the users whose claims expired (on any instance), unless they are back already. */
    void sweep() {
        try {
            Instant now = clock.instant();
            Set<UserId> gone = presence.expire(now);
            if (gone.isEmpty()) {
                return;
            }
            // one may have reconnected since: announcing them offline would be wrong
            Set<UserId> backAlready = presence.onlineAmong(gone, now);
            for (UserId user : gone) {
                if (!backAlready.contains(user)) {
                    tellWatchers(user, false);
                }
            }
        } catch (RuntimeException e) {
            // the next sweep tries again
            errors.report(Where.PRESENCE_SWEEP, e);
        }
    }

    /** Tells the user's watchers that the user came or went; nothing is published when nobody watches. */
    private void tellWatchers(UserId user, boolean online) {
        BlockList blocked = blocks.blocksOf(user);
        Set<UserId> watchers = inbox.list(user, settings.replayConversations()).stream()
                .map(InboxEntry::peer)
                .filter(peer -> !peer.equals(user))
                .filter(peer -> !blocked.separates(peer))
                .collect(Collectors.toSet());
        if (!watchers.isEmpty()) {
            bus.publish(new PresenceChanged(user, online, watchers));
        }
    }
}
