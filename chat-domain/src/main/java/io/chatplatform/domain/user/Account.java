package io.chatplatform.domain.user;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's account without their credentials: what may be shown to its owner, held in a cache or
 * passed to an adapter that renders it. Obtained from {@link User#account()}.
 */
public record Account(UserId id, Username username, Email email, Profile profile, Instant createdAt, Instant lastSeen) {

    public Account {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
