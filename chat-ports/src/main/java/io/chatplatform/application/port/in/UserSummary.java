package io.chatplatform.application.port.in;

import io.chatplatform.domain.user.DisplayName;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A user as lists show them to others: who, and whether online. */
public record UserSummary(UserId id, Username username, Optional<DisplayName> displayName, Instant lastSeen,
                          boolean online) {

    public UserSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
