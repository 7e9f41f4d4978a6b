package io.chatplatform.adapter.http.internal.route;

import java.util.List;
import java.util.Objects;

/**
 * One answer a route can give: its status, what it means, its media types (the first is the
 * usual one; others are chosen by the request's {@code Accept}) and its body type ({@code list}
 * for a JSON array of {@code type}). The dispatcher refuses to send a body that does not match,
 * so the OpenAPI document, generated from these, shows what is really sent.
 */
public record Response(int status, String description, List<String> mediaTypes, Class<?> type, boolean list) {

    public static final String JSON = "application/json";
    public static final String HTML = "text/html";
    public static final String TEXT = "text/plain";

    public Response {
        Objects.requireNonNull(description, "description");
        mediaTypes = List.copyOf(mediaTypes);
        Objects.requireNonNull(type, "type");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status, was " + status);
        }
        if (mediaTypes.isEmpty() != (type == Void.class)) {
            throw new IllegalArgumentException("status " + status + ": a body needs a media type, and only a body has one");
        }
    }

    /** An answer with a body of {@code type} in {@code mediaType}. */
    public static Response of(int status, String description, String mediaType, Class<?> type) {
        return new Response(status, description, List.of(mediaType), type, false);
    }

    /** An answer without a body, such as {@code 101 Switching Protocols}. */
    public static Response withoutBody(int status, String description) {
        return new Response(status, description, List.of(), Void.class, false);
    }

    /** The usual media type of the body; empty without a body. */
    public String mediaType() {
        return mediaTypes.isEmpty() ? "" : mediaTypes.get(0);
    }

    /** Whether the answer has a body (of {@link #mediaType()} and {@link #type()}). */
    public boolean hasBody() {
        return type != Void.class;
    }

    /** Whether {@code body} is what this response promises. */
    public boolean admits(Object body) {
        if (list) {
            return body instanceof List<?> items && items.stream().allMatch(type::isInstance);
        }
        return type.isInstance(body);
    }
}
