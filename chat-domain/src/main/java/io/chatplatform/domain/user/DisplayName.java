package io.chatplatform.domain.user;

import io.chatplatform.domain.InvalidValueException;
import io.chatplatform.domain.Text;

/** The name shown to others: 1 to 100 characters on one line, without surrounding spaces. */
public record DisplayName(String value) {

    public static final int MIN_LENGTH = 1;
    public static final int MAX_LENGTH = 100;

    public DisplayName {
        Text.requireSingleLine("display_name", value);
        if (value.isBlank()) {
            throw new InvalidValueException("display_name", "must not be empty");
        }
        if (!value.strip().equals(value)) {
            throw new InvalidValueException("display_name", "must not start or end with spaces");
        }
        if (Text.length(value) > MAX_LENGTH) {
            throw new InvalidValueException("display_name", "must be at most " + MAX_LENGTH + " characters");
        }
    }

    public static DisplayName of(String value) {
        return new DisplayName(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
