package io.chatplatform.domain.event;

import io.chatplatform.domain.user.UserId;
import java.util.Objects;

/** A user's profile or password changed. */
public record ProfileChanged(UserId userId) implements DomainEvent {

    public ProfileChanged {
        Objects.requireNonNull(userId, "userId");
    }
}
