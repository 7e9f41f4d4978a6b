package io.chatplatform.adapter.http.internal.view;

import io.chatplatform.domain.message.EarlierVersion;
import java.time.Instant;

/**
 * A text a message had before an edit replaced it: {@code edited_at} is when an edit made it the
 * message's text, null for the text the message was sent with.
 */
public record EditView(String content, @Nullable Instant editedAt) {

    public static EditView of(EarlierVersion version) {
        return new EditView(version.content().value(), version.editedAt().orElse(null));
    }
}
