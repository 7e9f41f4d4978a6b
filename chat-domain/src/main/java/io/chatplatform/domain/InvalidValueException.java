package io.chatplatform.domain;

import java.util.Objects;

/**
 * A value offered to the model breaks one of its rules: a username with a space, an empty
 * message, a page size of zero. Raised by the constructors of value types, so a value that
 * exists is valid.
 *
 * <p>{@link #field()} names the offending input in the vocabulary of the public API
 * ({@code "username"}, {@code "content"}, ...), so that an adapter can point the client at it.
 */
public final class InvalidValueException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final String reason;

    /**
     * @param field  the API name of the rejected value
     * @param reason what was expected, readable by the person who sent it
     */
    public InvalidValueException(String field, String reason) {
        super(field + ": " + reason);
        this.field = Objects.requireNonNull(field, "field");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** The API name of the rejected value, e.g. {@code "email"}. */
    public String field() {
        return field;
    }

    /** What was expected, without the field name, e.g. {@code "must be a valid email address"}. */
    public String reason() {
        return reason;
    }
}
