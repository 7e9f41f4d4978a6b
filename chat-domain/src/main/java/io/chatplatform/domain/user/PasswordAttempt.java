package io.chatplatform.domain.user;

import io.chatplatform.domain.InvalidValueException;
import io.chatplatform.domain.Text;

/**
 * A password typed at login or to confirm a change. Only required to be present and of a sane
 * size: the rules for new passwords changed over time, old ones must still be accepted. Never
 * printed.
 */
public record PasswordAttempt(String value) {

    public static final int MIN_LENGTH = 1;
    /** Bounds the work a single attempt can cause; characters are Unicode code points. */
    public static final int MAX_LENGTH = 1024;

    public PasswordAttempt {
        if (value == null || value.isEmpty()) {
            throw new InvalidValueException("password", "is required");
        }
        if (Text.length(value) > MAX_LENGTH) {
            throw new InvalidValueException("password", "must be at most " + MAX_LENGTH + " characters");
        }
    }

    public static PasswordAttempt of(String value) {
        return new PasswordAttempt(value);
    }

    @Override
    public String toString() {
        return "PasswordAttempt[***]";
    }
}
