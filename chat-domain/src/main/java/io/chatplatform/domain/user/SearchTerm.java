package io.chatplatform.domain.user;

import io.chatplatform.domain.InvalidValueException;
import io.chatplatform.domain.Text;

/**
 * What a user typed to find other users: 1 to 50 characters after trimming, matched as a
 * case-insensitive substring of usernames and display names. Characters such as {@code %} and
 * {@code _} are literal here; a store that uses patterns must escape them.
 */
public record SearchTerm(String value) {

    public static final int MIN_LENGTH = 1;
    public static final int MAX_LENGTH = 50;

    public SearchTerm {
        Text.requireSingleLine("query", value);
        if (value.isBlank()) {
            throw new InvalidValueException("query", "must not be empty");
        }
        if (!value.strip().equals(value)) {
            throw new InvalidValueException("query", "must not start or end with spaces");
        }
        if (Text.length(value) > MAX_LENGTH) {
            throw new InvalidValueException("query", "must be at most " + MAX_LENGTH + " characters");
        }
    }

    /** Trims what the user typed, then validates it. */
    public static SearchTerm parse(String typed) {
        return new SearchTerm(typed == null ? null : typed.strip());
    }

    @Override
    public String toString() {
        return value;
    }
}
