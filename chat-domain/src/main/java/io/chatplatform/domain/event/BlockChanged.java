package io.chatplatform.domain.event;

import io.chatplatform.domain.user.UserId;
import java.util.Objects;

/** {@code blocker} blocked {@code blocked} ({@code nowBlocked}), or lifted that block. */
public record BlockChanged(UserId blocker, UserId blocked, boolean nowBlocked) implements DomainEvent {

    public BlockChanged {
        Objects.requireNonNull(blocker, "blocker");
        Objects.requireNonNull(blocked, "blocked");
        if (blocker.equals(blocked)) {
            throw new IllegalArgumentException("nobody blocks themself");
        }
    }
}
