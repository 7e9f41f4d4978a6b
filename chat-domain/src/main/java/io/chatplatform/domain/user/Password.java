package io.chatplatform.domain.user;

import io.chatplatform.domain.InvalidValueException;
import io.chatplatform.domain.Text;
import java.nio.charset.StandardCharsets;

/**
 * A new password chosen at registration or on a password change: at least 8 characters and at
 * most 72 bytes of UTF-8, because bcrypt reads no further and a longer password would give a
 * false sense of strength. Never printed.
 */
public record Password(String value) {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_BYTES = 72;
    /**
     * The most characters a password can have: every character takes at least one byte of UTF-8,
     * so no longer password fits in {@link #MAX_BYTES}. Shorter ones may still not fit (an "é" is
     * two bytes): this bound is for a schema, which can count characters but not bytes.
     */
    public static final int MAX_LENGTH = MAX_BYTES;

    public Password {
        Text.requireStorable("password", value);
        if (Text.length(value) < MIN_LENGTH) {
            throw new InvalidValueException("password", "must be at least " + MIN_LENGTH + " characters");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidValueException("password", "must be at most " + MAX_BYTES + " bytes (bcrypt reads no further)");
        }
    }

    public static Password of(String value) {
        return new Password(value);
    }

    /** The password as an attempt, to check it against a stored hash. */
    public PasswordAttempt asAttempt() {
        return new PasswordAttempt(value);
    }

    @Override
    public String toString() {
        return "Password[***]";
    }
}
