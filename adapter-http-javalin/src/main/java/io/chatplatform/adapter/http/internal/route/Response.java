package io.chatplatform.adapter.http.internal.route;

import io.chatplatform.adapter.http.internal.json.Json;
import io.chatplatform.adapter.http.internal.view.ErrorView;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;

/**
 * One answer a route can give, typed by its body {@code B}: its status, what it means, its media
 * types (the first is the usual one; others are chosen by the request's {@code Accept}), the body
 * type the OpenAPI document describes ({@code list} for a JSON array of {@code type}) and how such
 * a body is written. A body reaches the wire only through {@link #reply}, so the compiler checks
 * that it is of the type the document shows.
 *
 * @param <B> the body's type: a view record, a list of them, {@link Text}, {@link Html} or {@link Void}
 */
public final class Response<B> {

    public static final String JSON = "application/json";
    public static final String HTML = "text/html";
    public static final String TEXT = "text/plain";

    /** Writes a body of this response; {@code body} is of the response's type. */
    @FunctionalInterface
    private interface Writer<B> {
        void write(Context ctx, int status, B body);
    }

    private final int status;
    private final String description;
    private final List<String> mediaTypes;
    private final Class<?> type;
    private final boolean list;
    private final Writer<B> writer;

    private Response(int status, String description, List<String> mediaTypes, Class<?> type, boolean list,
                     Writer<B> writer) {
        this.description = Objects.requireNonNull(description, "description");
        this.mediaTypes = List.copyOf(mediaTypes);
        this.type = Objects.requireNonNull(type, "type");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.list = list;
        this.status = status;
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status, was " + status);
        }
        if (this.mediaTypes.isEmpty() != (type == Void.class)) {
            throw new IllegalArgumentException("status " + status + ": a body needs a media type, and only a body has one");
        }
    }

    /** A JSON object of {@code type}. */
    public static <V> Response<V> json(int status, String description, Class<V> type) {
        return new Response<>(status, description, List.of(JSON), type, false, Json::respond);
    }

    /** A JSON array of {@code type}. */
    public static <V> Response<List<V>> jsonList(int status, String description, Class<V> type) {
        return new Response<>(status, description, List.of(JSON), type, true, Json::respond);
    }

    /** An expected refusal, {@code {"detail": ...}}; {@code description} says when it happens. */
    public static Response<ErrorView> error(int status, String description) {
        return json(status, description, ErrorView.class);
    }

    /**
     * A text body in one of {@code mediaTypes}, chosen at run time by the request's
     * {@code Accept} header; the body names the one it is in.
     */
    public static Response<Text> text(int status, String description, String... mediaTypes) {
        return new Response<>(status, description, List.of(mediaTypes), Text.class, false,
                (ctx, code, text) -> ctx.status(code).contentType(text.contentType()).result(text.content()));
    }

    /** An HTML page. */
    public static Response<Html> html(int status, String description) {
        return new Response<>(status, description, List.of(HTML), Html.class, false,
                (ctx, code, html) -> ctx.status(code).contentType("text/html; charset=utf-8").result(html.content()));
    }

    /** An answer without a body, such as {@code 101 Switching Protocols}. */
    public static Response<Void> withoutBody(int status, String description) {
        return new Response<>(status, description, List.of(), Void.class, false, (ctx, code, none) -> ctx.status(code));
    }

    /** This response with {@code body}; only {@link Outcomes} makes replies, from the responses it declares. */
    Reply reply(B body) {
        if (type != Void.class) {
            Objects.requireNonNull(body, () -> "status " + status + " needs a body");
        }
        return new Reply(this, ctx -> writer.write(ctx, status, body));
    }

    /**
     * This response with a body already rendered as JSON. Typed by the caller: {@link Outcomes}
     * only passes the bytes of a {@code B} rendered by the same JSON configuration.
     */
    Reply replyRendered(byte[] json) {
        Objects.requireNonNull(json, "json");
        return new Reply(this, ctx -> ctx.status(status).contentType(Json.MEDIA_TYPE).result(json));
    }

    public int status() {
        return status;
    }

    public String description() {
        return description;
    }

    /** The media types of the body, the usual one first; empty without a body. */
    public List<String> mediaTypes() {
        return mediaTypes;
    }

    /** Whether the body is JSON and nothing else, so that bytes rendered as JSON may be sent as it. */
    boolean jsonOnly() {
        return mediaTypes.equals(List.of(JSON));
    }

    /** The type the document describes: the view record, or the element type of a {@link #list()}. */
    public Class<?> type() {
        return type;
    }

    /** Whether the body is a JSON array of {@link #type()}. */
    public boolean list() {
        return list;
    }

    /** The usual media type of the body; empty without a body. */
    public String mediaType() {
        return mediaTypes.isEmpty() ? "" : mediaTypes.get(0);
    }

    /** Whether the answer has a body (of {@link #mediaType()} and {@link #type()}). */
    public boolean hasBody() {
        return type != Void.class;
    }

    @Override
    public String toString() {
        return status + " " + description;
    }
}
