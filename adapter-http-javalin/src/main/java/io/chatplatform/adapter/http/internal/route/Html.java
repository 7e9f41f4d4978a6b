package io.chatplatform.adapter.http.internal.route;

import java.util.Objects;

/** An HTML page, for the documentation viewers. */
public record Html(String content) {

    public Html {
        Objects.requireNonNull(content, "content");
    }
}
