package io.chatplatform.adapter.http.internal.view;

/** What {@code GET /} says about the service and where its documentation is. */
public record ServiceInfoView(String service, String version, String docs, String redoc, String openapi) {
}
