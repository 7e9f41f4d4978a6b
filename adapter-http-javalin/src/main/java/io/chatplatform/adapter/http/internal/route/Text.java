package io.chatplatform.adapter.http.internal.route;

import java.util.Objects;

/** A body in a text media type of its own (the metrics exposition), sent as it is. */
public record Text(String contentType, byte[] content) {

    public Text {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
    }
}
