package io.chatplatform.domain.user;

import io.chatplatform.domain.InvalidValueException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An email address as the user typed it. Syntax follows the practical subset of RFC 5321 that
 * mail providers accept (dot-atom local part, a domain of at least two labels); it is unique
 * regardless of case, decided on {@link #canonical()}.
 */
public record Email(String value) {

    public static final int MAX_LENGTH = 254;
    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern SYNTAX = Pattern.compile(
            ATOM + "(?:\\." + ATOM + ")*@" + LABEL + "(?:\\." + LABEL + ")*\\.[A-Za-z]{2,63}");

    public Email {
        if (value == null || value.length() > MAX_LENGTH || !SYNTAX.matcher(value).matches()
                || value.indexOf('@') > 64) {
            throw new InvalidValueException("email", "must be a valid email address");
        }
    }

    public static Email of(String value) {
        return new Email(value);
    }

    /** The form that decides uniqueness: lower case. */
    public String canonical() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
