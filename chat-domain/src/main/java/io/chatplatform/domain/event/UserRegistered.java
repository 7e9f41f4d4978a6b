package io.chatplatform.domain.event;

import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.util.Objects;

/** A new user account exists. */
public record UserRegistered(UserId userId, Username username) implements DomainEvent {

    public UserRegistered {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(username, "username");
    }
}
