package io.chatplatform.domain.message;

import io.chatplatform.domain.InvalidValueException;
import io.chatplatform.domain.Text;

/**
 * A sender's own key for a message (a UUID, say) that makes a retried send return the original
 * message instead of storing a duplicate. Unique per sender within a conversation; 1 to 128
 * printable characters.
 */
public record ClientMessageId(String value) {

    public static final int MAX_LENGTH = 128;

    public ClientMessageId {
        Text.requireSingleLine("client_message_id", value);
        if (value.isBlank() || value.length() > MAX_LENGTH) {
            throw new InvalidValueException("client_message_id", "must be 1 to 128 characters");
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
