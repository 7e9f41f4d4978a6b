package io.chatplatform.domain.message;

import io.chatplatform.domain.InvalidValueException;
import io.chatplatform.domain.Text;

/**
 * The text of a message, kept exactly as sent: not trimmed, not normalised, not escaped. It must
 * contain something other than white space and at most {@value #MAX_LENGTH} characters (Unicode
 * code points, so an emoji counts as one).
 */
public record MessageContent(String value) {

    public static final int MIN_LENGTH = 1;
    public static final int MAX_LENGTH = 4000;

    public MessageContent {
        Text.requireStorable("content", value);
        if (value.isBlank()) {
            throw new InvalidValueException("content", "must not be empty");
        }
        if (Text.length(value) > MAX_LENGTH) {
            throw new InvalidValueException("content", "must be at most " + MAX_LENGTH + " characters");
        }
    }

    public static MessageContent of(String value) {
        return new MessageContent(value);
    }

    /** The first {@code maxLength} characters, for a conversation list; whole code points only. */
    public String preview(int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("maxLength must be at least 1, was " + maxLength);
        }
        if (Text.length(value) <= maxLength) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, maxLength));
    }

    @Override
    public String toString() {
        return "MessageContent[" + Text.length(value) + " chars]";
    }
}
