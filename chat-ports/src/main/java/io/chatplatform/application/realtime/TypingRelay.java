package io.chatplatform.application.realtime;

import io.chatplatform.application.port.out.ClientChannel.Problem;
import io.chatplatform.application.port.out.BlockStore;
import io.chatplatform.application.port.out.LiveEventBus;
import io.chatplatform.application.port.out.LoadInbox;
import io.chatplatform.domain.realtime.Typing;
import io.chatplatform.domain.realtime.TypingThrottle;
import io.chatplatform.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The typing use case: a user tells a conversation partner they are typing. Within the
 * connection's allowance, and only to someone the user has a conversation with (one read of the
 * user's conversation-list line for that peer), the indication goes on the bus to the peer's
 * connections. Never stored. Thread-safe; each connection brings its own throttle.
 */
final class TypingRelay {

    private final LoadInbox inbox;
    private final BlockStore blocks;
    private final LiveEventBus bus;
    private final Clock clock;
    private final RealtimeSettings settings;

    TypingRelay(LoadInbox inbox, BlockStore blocks, LiveEventBus bus, Clock clock, RealtimeSettings settings) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.blocks = Objects.requireNonNull(blocks, "blocks");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** A throttle for a new connection, full. */
    TypingThrottle throttle() {
        return new TypingThrottle(settings.typingBurst(), settings.typingInterval(), clock.instant());
    }

    /** Relays that {@code user} is typing to {@code peer}; the problem to answer when it may not be. */
    Optional<Problem> typing(UserId user, UserId peer, TypingThrottle throttle) {
        Instant now = clock.instant();
        if (!throttle.tryAcquire(now)) {
            return Optional.of(new Problem("rate_limited", "too many typing indications; at most "
                    + settings.typingBurst() + " at once, then one per " + settings.typingInterval().toMillis() + " ms"));
        }
        if (peer.equals(user) || inbox.entry(user, peer).isEmpty()) {
            return Optional.of(new Problem("no_conversation", "typing can only be shown to someone you have a conversation with"));
        }
        if (blocks.blocksOf(user).separates(peer)) {
            // dropped without a word: a block hides typing both ways, and says nothing of itself here
            return Optional.empty();
        }
        bus.publish(new Typing(user, peer, now.plus(settings.typingTtl())));
        return Optional.empty();
    }
}
