package io.chatplatform.domain.realtime;

import io.chatplatform.domain.user.UserId;
import java.util.Set;

/**
 * Something open connections are told about as it happens. Live events are derived from
 * committed domain events (the {@link ConversationChange}s) or are signals that
 * are never stored ({@link Typing}, {@link PresenceChanged}).
 */
public sealed interface LiveEvent permits ConversationChange, Typing, PresenceChanged, SessionsRevoked {

    /** The users whose connections (every device of theirs) receive the event. */
    Set<UserId> audience();

    /** What kind of event this is; each event names its own, there is no default. */
    LiveEventType type();
}
