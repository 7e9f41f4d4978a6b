package io.chatplatform.domain.event;

import io.chatplatform.domain.realtime.ConversationChange;
import io.chatplatform.domain.realtime.MessageCreated;
import io.chatplatform.domain.realtime.ReadMarkerMoved;
import java.util.Objects;

/**
 * A committed change to a message or to a delivery marker: an edit, a deletion (for everyone or
 * for one participant), a reaction, a delivery. New messages and read markers have events of
 * their own ({@link MessageSent}, {@link MessagesRead}), older than the change stream and kept so.
 */
public record ConversationChanged(ConversationChange change) implements DomainEvent {

    public ConversationChanged {
        Objects.requireNonNull(change, "change");
        if (change instanceof MessageCreated || change instanceof ReadMarkerMoved) {
            throw new IllegalArgumentException("a " + change.type().wireName() + " is announced by its own event");
        }
    }
}
