package io.chatplatform.adapter.http.internal.route;

import io.chatplatform.adapter.http.internal.request.Input;
import io.chatplatform.adapter.http.internal.view.ErrorView;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything about one route, in one place: method, path, who may call it, its inputs, its
 * answers and its action. The same descriptor registers the route with Javalin and describes it
 * in the OpenAPI document.
 *
 * @param tag             the group the document lists it under
 * @param summary         one line, the document's title of the operation
 * @param description     what it does and what a client should know, for the document
 * @param access          who may call it
 * @param tokenInQuery    whether the token may also come as a {@code token} query parameter
 *                        (deprecated; only {@code GET /messages} of the replaced service did that)
 * @param callsApplication whether it reaches the application's stores (and so may answer 503)
 * @param responses       the declared answers, the success first
 */
public record Route(HandlerType method, String path, Tag tag, String summary, String description, Access access,
                    boolean tokenInQuery, boolean callsApplication, List<Input<?>> inputs, List<Response> responses,
                    Action action) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(tag, method + " " + path + " needs a tag");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(action, "action");
        if (summary.isBlank() || description.isBlank()) {
            // the document is the API's reference: every operation says what it does
            throw new IllegalArgumentException(method + " " + path + " needs a summary and a description");
        }
        inputs = List.copyOf(inputs);
        responses = List.copyOf(responses);
        if (responses.isEmpty() || responses.get(0).status() >= 300) {
            throw new IllegalArgumentException(method + " " + path + " must declare its success response first");
        }
        if (tokenInQuery && access != Access.BEARER) {
            throw new IllegalArgumentException(method + " " + path + " takes a token in the query but is not authenticated");
        }
        boolean json = inputs.stream().anyMatch(i -> i.source() == Input.Source.JSON_BODY);
        boolean form = inputs.stream().anyMatch(i -> i.source() == Input.Source.FORM_BODY);
        if (json && form) {
            throw new IllegalArgumentException(method + " " + path + " cannot take both a JSON and a form body");
        }
    }

    public static Builder get(String path) {
        return new Builder(HandlerType.GET, path);
    }

    public static Builder post(String path) {
        return new Builder(HandlerType.POST, path);
    }

    public static Builder patch(String path) {
        return new Builder(HandlerType.PATCH, path);
    }

    /** Whether the dispatcher requires a bearer token before the action runs. */
    public boolean authenticated() {
        return access == Access.BEARER;
    }

    /** The success response. */
    public Response success() {
        return responses.get(0);
    }

    /** The declared response with this status. */
    public Optional<Response> response(int status) {
        return responses.stream().filter(r -> r.status() == status).findFirst();
    }

    /** Builds a {@link Route}; {@link #handle} finishes it. */
    public static final class Builder {
        private final HandlerType method;
        private final String path;
        private Tag tag;
        private String summary = "";
        private String description = "";
        private Access access = Access.PUBLIC;
        private boolean tokenInQuery;
        private boolean callsApplication = true;
        private final List<Input<?>> inputs = new ArrayList<>();
        private final List<Response> responses = new ArrayList<>();

        private Builder(HandlerType method, String path) {
            this.method = method;
            this.path = Objects.requireNonNull(path, "path");
        }

        public Builder tag(Tag tag) {
            this.tag = tag;
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Requires {@code Authorization: Bearer <token>}. */
        public Builder authenticated() {
            this.access = Access.BEARER;
            return this;
        }

        /** Authenticates by itself, inside its own protocol (the WebSocket). */
        public Builder authenticatedInProtocol() {
            this.access = Access.IN_PROTOCOL;
            return this;
        }

        /** Also accepts the token as a {@code token} query parameter, for old clients. */
        public Builder tokenInQueryAllowed() {
            this.tokenInQuery = true;
            return this;
        }

        /** Answers from the server alone (documentation, health), never from the stores. */
        public Builder local() {
            this.callsApplication = false;
            return this;
        }

        public Builder inputs(Input<?>... inputs) {
            this.inputs.addAll(List.of(inputs));
            return this;
        }

        /** The success: 200 with a JSON object of {@code type}. */
        public Builder ok(Class<?> type, String description) {
            return respond(Response.of(200, description, Response.JSON, type));
        }

        /** The success: 200 with a JSON array of {@code type}. */
        public Builder okList(Class<?> type, String description) {
            return respond(new Response(200, description, List.of(Response.JSON), type, true));
        }

        /**
         * The success: 200 with a text body in one of {@code mediaTypes}, chosen at run time by
         * the request's {@code Accept} header (see {@link Reply.Raw}).
         */
        public Builder okText(String description, String... mediaTypes) {
            return respond(new Response(200, description, List.of(mediaTypes), Reply.Raw.class, false));
        }

        /** The success: 200 with an HTML page. */
        public Builder okHtml(String description) {
            return respond(Response.of(200, description, Response.HTML, Reply.Html.class));
        }

        /** The success: {@code 101 Switching Protocols} to a WebSocket. */
        public Builder switchingProtocols(String description) {
            return respond(Response.withoutBody(101, description));
        }

        /** An expected refusal, {@code {"detail": detail}}. */
        public Builder error(int status, String detail) {
            return respond(Response.of(status, detail, Response.JSON, ErrorView.class));
        }

        public Builder respond(Response response) {
            if (responses.stream().anyMatch(r -> r.status() == response.status())) {
                throw new IllegalArgumentException(method + " " + path + " declares status " + response.status() + " twice");
            }
            responses.add(response);
            return this;
        }

        public Route handle(Action action) {
            return new Route(method, path, tag, summary, description, access, tokenInQuery, callsApplication, inputs,
                    responses, action);
        }
    }
}
