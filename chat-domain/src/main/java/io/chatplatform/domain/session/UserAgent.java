package io.chatplatform.domain.session;

import java.util.Objects;
import java.util.Optional;

/**
 * The client's own description of itself (its {@code User-Agent}), shown in the session list so
 * that a person can tell their devices apart. Control characters are dropped and the text is cut
 * to {@value #MAX_LENGTH} characters: it is the client's word, not to be trusted or stored at
 * length.
 */
public record UserAgent(String value) {

    /** The longest description kept. */
    public static final int MAX_LENGTH = 256;

    public UserAgent {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > MAX_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a user agent is 1 to " + MAX_LENGTH + " printable characters");
        }
    }

    /** What the client sent, made fit to keep; empty when it sent nothing printable. */
    public static Optional<UserAgent> fromHeader(String header) {
        if (header == null) {
            return Optional.empty();
        }
        StringBuilder kept = new StringBuilder();
        header.codePoints().filter(c -> !Character.isISOControl(c)).forEach(kept::appendCodePoint);
        String text = kept.toString().strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.length() > MAX_LENGTH) {
            int end = MAX_LENGTH;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            text = text.substring(0, end);
        }
        return Optional.of(new UserAgent(text));
    }
}
