package io.chatplatform.domain;

/**
 * Checks on user-supplied text shared by the value types. Text must be storable as-is in
 * PostgreSQL (no NUL) and be well-formed Unicode (no lone surrogate), otherwise it could not be
 * returned byte-for-byte.
 */
public final class Text {

    private Text() {
    }

    /** Rejects {@code null}, NUL characters and unpaired surrogates. */
    public static String requireStorable(String field, String value) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                throw new InvalidValueException(field, "must not contain NUL characters");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new InvalidValueException(field, "must be valid Unicode text");
            }
            if (Character.isLowSurrogate(c)) {
                throw new InvalidValueException(field, "must be valid Unicode text");
            }
        }
        return value;
    }

    /** As {@link #requireStorable} and additionally free of control characters (tab included). */
    public static String requireSingleLine(String field, String value) {
        requireStorable(field, value);
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException(field, "must not contain control characters");
        }
        return value;
    }

    /** Length in Unicode code points, which is what a person counts (an emoji is one). */
    public static int length(String value) {
        return value.codePointCount(0, value.length());
    }
}
