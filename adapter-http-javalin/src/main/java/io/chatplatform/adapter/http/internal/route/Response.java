package io.chatplatform.adapter.http.internal.route;

import io.chatplatform.adapter.http.internal.auth.RefreshCookie;
import io.chatplatform.adapter.http.internal.json.Json;
import io.chatplatform.adapter.http.internal.view.AccessTokenView;
import io.chatplatform.adapter.http.internal.view.ErrorView;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

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
    private static final String CONTENT_DISPOSITION = "Content-Disposition";
    private static final String SET_COOKIE = "Set-Cookie";

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
    /** The file name a streamed download is saved as; null for any other answer. */
    private final String download;
    /** Headers the writer adds, with what they say (for the document). */
    private final Map<String, String> headers;

    private Response(int status, String description, List<String> mediaTypes, Class<?> type, boolean list,
                     Writer<B> writer) {
        this(status, description, mediaTypes, type, list, writer, null, Map.of());
    }

    private Response(int status, String description, List<String> mediaTypes, Class<?> type, boolean list,
                     Writer<B> writer, String download, Map<String, String> headers) {
        this.download = download;
        this.headers = Map.copyOf(headers);
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

    /**
     * A JSON document written while it is read ({@link JsonStream}), for a client to save as
     * {@code filename} ({@code Content-Disposition: attachment}). {@code type} is the record whose
     * shape the document describes; the stream writes that shape piece by piece.
     */
    public static Response<JsonStream> jsonStream(int status, String description, Class<?> type, String filename) {
        Objects.requireNonNull(filename, "filename");
        if (!filename.matches("[A-Za-z0-9._-]+")) {
            // it goes into a header as it is
            throw new IllegalArgumentException("a download's file name is letters, digits, '.', '_' and '-', was " + filename);
        }
        return new Response<>(status, description, List.of(JSON), type, false,
                (ctx, code, stream) -> JsonStreaming.write(ctx, code, filename, stream, () -> new IllegalStateException(
                        "a JSON stream had nothing to write; its route declares no answer for that")),
                filename, Map.of(CONTENT_DISPOSITION, "attachment; filename=\"" + filename
                        + "\": a download, to be saved as this file"));
    }

    /**
     * The tokens of a login or a refresh. When the request asked for the refresh token as a cookie
     * ({@link RefreshCookie#requested}), it is set as one and left out of the JSON.
     */
    public static Response<AccessTokenView> tokens(int status, String description) {
        return new Response<>(status, description, List.of(JSON), AccessTokenView.class, false, (ctx, code, view) -> {
            if (RefreshCookie.requested(ctx)) {
                ctx.header(SET_COOKIE, RefreshCookie.set(ctx, view.refreshToken()));
                Json.respond(ctx, code, view.withoutRefreshToken());
            } else {
                Json.respond(ctx, code, view);
            }
        }, null, Map.of(SET_COOKIE, RefreshCookie.NAME + "=<refresh token>; Path=" + RefreshCookie.PATH
                + "; HttpOnly; SameSite=Strict (Secure over HTTPS): only when the request said cookie=true;"
                + " refresh_token is then null in the body"));
    }

    /** An answer without a body that removes the refresh-token cookie ({@code POST /logout}). */
    public static Response<Void> withoutBodyClearingRefreshCookie(int status, String description) {
        return new Response<>(status, description, List.of(), Void.class, false, (ctx, code, none) -> {
            ctx.header(SET_COOKIE, RefreshCookie.clear(ctx));
            ctx.status(code);
        }, null, Map.of(SET_COOKIE, RefreshCookie.NAME + "=; Max-Age=0; ...: the refresh-token cookie, if any, is removed"));
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
     * This response with a streamed body that may turn out to have nothing to write: then
     * {@code nothing} is thrown, before any byte went out. Only {@link Outcomes#streamed} calls it.
     */
    Reply replyStreamed(JsonStream body, Supplier<RuntimeException> nothing) {
        Objects.requireNonNull(body, "body");
        if (download == null) {
            throw new IllegalStateException(this + " is not a streamed response");
        }
        return new Reply(this, ctx -> JsonStreaming.write(ctx, status, download, body, nothing));
    }

    /** Whether this is a {@link #jsonStream} response. */
    boolean streamed() {
        return download != null;
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

    /** Headers the answer carries besides the usual ones, by name, with what they say (for the document). */
    public Map<String, String> headers() {
        return headers;
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
