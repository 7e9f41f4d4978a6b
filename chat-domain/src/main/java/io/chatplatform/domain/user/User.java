package io.chatplatform.domain.user;

import java.time.Instant;
import java.util.Objects;

/**
 * A registered user as stored: identity, credentials, profile and when they were last seen
 * active. {@link #lastSeen()} is the last recorded activity, which may lag the real one by the
 * recording interval of {@link Presence}.
 */
public record User(UserId id, Username username, Email email, PasswordHash passwordHash, Profile profile,
                   Instant createdAt, Instant lastSeen) {

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /** The account without its credentials. */
    public Account account() {
        return new Account(id, username, email, profile, createdAt, lastSeen);
    }
}
