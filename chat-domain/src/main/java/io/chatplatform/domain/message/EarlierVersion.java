package io.chatplatform.domain.message;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A text a message had before an edit replaced it, as {@code GET /messages/{id}/edits} lists it.
 *
 * @param content  the text
 * @param editedAt when an edit made it the message's text; empty for the text it was sent with
 */
public record EarlierVersion(MessageContent content, Optional<Instant> editedAt) {

    public EarlierVersion {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(editedAt, "editedAt");
    }
}
