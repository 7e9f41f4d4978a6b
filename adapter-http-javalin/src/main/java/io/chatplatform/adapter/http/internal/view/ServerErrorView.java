package io.chatplatform.adapter.http.internal.view;

/** A fault on our side: the reason and the id that finds the log line. */
public record ServerErrorView(String detail, String requestId) {
}
