package io.chatplatform.domain.user;

import java.util.Objects;

/** A one-way hash of a password, in the hasher's own format (bcrypt's {@code $2a$...}). Never printed. */
public record PasswordHash(String value) {

    public PasswordHash {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("password hash must not be blank");
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[***]";
    }
}
