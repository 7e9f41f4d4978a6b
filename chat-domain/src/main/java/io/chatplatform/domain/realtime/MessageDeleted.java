package io.chatplatform.domain.realtime;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A message was deleted: for everyone by its sender ({@code onlyFor} empty; {@code message} is
 * its tombstone), or hidden by one participant from their own history ({@code onlyFor} names
 * them, and only their devices are told: the other participant's history is unchanged, and is not
 * told that the message was hidden).
 */
public record MessageDeleted(Message message, Optional<UserId> onlyFor, long position) implements ConversationChange {

    public MessageDeleted {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(onlyFor, "onlyFor");
        ConversationChange.requirePosition(position);
        if (onlyFor.isEmpty() && !message.isDeleted()) {
            throw new IllegalArgumentException("a deletion for everyone carries the tombstone, not message " + message.id());
        }
        if (onlyFor.isPresent() && !message.isVisibleTo(onlyFor.get())) {
            throw new IllegalArgumentException(onlyFor.get() + " cannot hide message " + message.id() + " of another conversation");
        }
    }

    /** Whether this deletion is for everyone (not just one participant's history). */
    public boolean forEveryone() {
        return onlyFor.isEmpty();
    }

    @Override
    public ConversationId conversation() {
        return message.conversationId();
    }

    @Override
    public LiveEventType type() {
        return LiveEventType.MESSAGE_DELETED;
    }

    @Override
    public Set<UserId> audience() {
        return onlyFor.map(Set::of).orElseGet(() -> Set.copyOf(List.of(message.senderId(), message.recipientId())));
    }
}
