package io.chatplatform.domain.event;

import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;

/** A user's activity was recorded: their last-seen time is now {@code at}. */
public record ActivityRecorded(UserId userId, Instant at) implements DomainEvent {

    public ActivityRecorded {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(at, "at");
    }
}
