package io.chatplatform.domain.realtime;

import io.chatplatform.domain.user.UserId;
import java.util.Set;

/**
 * Something open connections are told about as it happens. Live events are derived from
 * committed domain events ({@link MessageCreated}, {@link ReadMarkerMoved}) or are signals that
 * are never stored ({@link Typing}, {@link PresenceChanged}). Those that are steps of a
 * conversation's ordered history are {@link ConversationChange}s.
 */
public sealed interface LiveEvent permits ConversationChange, ReadMarkerMoved, Typing, PresenceChanged {

    /** The users whose connections (every device of theirs) receive the event. */
    Set<UserId> audience();

    /** What kind of event this is; each event names its own, there is no default. */
    LiveEventType type();
}
