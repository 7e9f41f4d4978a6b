package io.chatplatform.domain.limit;

import io.chatplatform.domain.InvalidValueException;
import java.util.Objects;

/**
 * The network address a request came from, as the edge of the service established it (the peer
 * of the connection, or what a trusted proxy said the peer was). Used to limit anonymous actions
 * (registration, failed logins), never shown to other users.
 *
 * @param value an IP address literal as the adapter normalised it, at most {@value #MAX_LENGTH} characters
 */
public record ClientAddress(String value) {

    public static final int MAX_LENGTH = 64;

    /** The address is not known (an embedding application that does not say); limited as one subject. */
    public static final ClientAddress UNKNOWN = new ClientAddress("unknown");

    public ClientAddress {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > MAX_LENGTH) {
            throw new InvalidValueException("client_address", "must be 1 to " + MAX_LENGTH + " characters");
        }
    }

    public static ClientAddress of(String value) {
        return new ClientAddress(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
