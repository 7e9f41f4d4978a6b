package io.chatplatform.adapter.http.internal.view;

/** The replaced service's confirmation of a mark-read: {@code {"message": "Message marked as read"}}. */
public record MessageReadView(String message) {

    public static final MessageReadView MARKED = new MessageReadView("Message marked as read");
}
