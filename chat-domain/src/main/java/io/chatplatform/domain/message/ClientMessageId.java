package io.chatplatform.domain.message;

import io.chatplatform.domain.InvalidValueException;
import io.chatplatform.domain.Text;

/**
 * A sender's own key for a message (a UUID, say) that makes a retried send return the original
 * message instead of storing a duplicate. Unique per sender within a conversation; 1 to
 * {@value #MAX_LENGTH} printable characters (Unicode code points), not only white space.
 */
public record ClientMessageId(String value) {

    public static final int MIN_LENGTH = 1;
    public static final int MAX_LENGTH = 128;

    public ClientMessageId {
        Text.requireSingleLine("client_message_id", value);
        // code points, as JSON Schema's maxLength counts them: the API document states this limit
        if (value.isBlank() || Text.length(value) > MAX_LENGTH) {
            throw new InvalidValueException("client_message_id",
                    "must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
    }

    public static ClientMessageId of(String value) {
        return new ClientMessageId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
