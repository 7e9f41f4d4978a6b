package io.chatplatform.domain.user;

import io.chatplatform.domain.InvalidValueException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A login handle: 3 to 50 ASCII letters, digits or underscores. Login compares it exactly
 * (case-sensitive); uniqueness is decided on {@link #canonical()}, so {@code Alice} and
 * {@code alice} cannot both exist and one cannot impersonate the other.
 */
public record Username(String value) {

    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 50;
    /**
     * The whole rule as a regular expression that a username must match entirely; written in the
     * subset that Java and ECMA-262 (JSON Schema's {@code pattern}) read alike.
     */
    public static final String PATTERN = "[A-Za-z0-9_]{" + MIN_LENGTH + "," + MAX_LENGTH + "}";
    private static final Pattern ALLOWED = Pattern.compile(PATTERN);

    public Username {
        if (value == null || !ALLOWED.matcher(value).matches()) {
            throw new InvalidValueException("username",
                    "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters: letters, digits or underscore");
        }
    }

    /**
     * What a conversation partner whose account was deleted is called. Reserved: nobody can
     * register it (in any case), so it names no living account.
     */
    public static final Username DELETED = new Username("deleted_user");

    public static Username of(String value) {
        return new Username(value);
    }

    /** The form that decides uniqueness: lower case. */
    public String canonical() {
        return value.toLowerCase(Locale.ROOT);
    }

    /** Whether this name stands for a deleted account, and so may not be registered. */
    public boolean isReserved() {
        return canonical().equals(DELETED.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
