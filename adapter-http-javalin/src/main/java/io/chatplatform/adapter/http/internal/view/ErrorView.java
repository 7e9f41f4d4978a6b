package io.chatplatform.adapter.http.internal.view;

/** Every error but validation and server faults: {@code {"detail": "..."}}. */
public record ErrorView(String detail) {
}
