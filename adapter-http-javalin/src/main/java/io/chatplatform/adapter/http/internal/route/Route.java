package io.chatplatform.adapter.http.internal.route;

import io.chatplatform.adapter.http.internal.request.Input;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
 * @param responses       every declared answer: those the outcomes give, and those the route
 *                        leaves to others (a port's fault, the WebSocket upgrade)
 * @param outcomes        how each result of the action is answered
 * @param <R>             what the action returns
 */
public record Route<R>(HandlerType method, String path, Tag tag, String summary, String description, Access access,
                       boolean tokenInQuery, boolean callsApplication, List<Input<?>> inputs,
                       List<Response<?>> responses, Outcomes<R> outcomes, Action<R> action) {

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(tag, method + " " + path + " needs a tag");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(outcomes, "outcomes");
        Objects.requireNonNull(action, "action");
        if (summary.isBlank() || description.isBlank()) {
            // the document is the API's reference: every operation says what it does
            throw new IllegalArgumentException(method + " " + path + " needs a summary and a description");
        }
        inputs = List.copyOf(inputs);
        responses = List.copyOf(responses);
        if (!responses.containsAll(outcomes.responses())) {
            throw new IllegalArgumentException(method + " " + path + " does not declare every response of its outcomes");
        }
        if (responses.stream().map(Response::status).distinct().count() != responses.size()) {
            throw new IllegalArgumentException(method + " " + path + " declares a status twice: " + responses);
        }
        if (responses.stream().noneMatch(r -> r.status() < 300)) {
            throw new IllegalArgumentException(method + " " + path + " must declare a success response");
        }
        if (outcomes.refusesCredentials() && access != Access.BEARER) {
            throw new IllegalArgumentException(method + " " + path + " answers 401 but is not authenticated");
        }
        if (tokenInQuery && access != Access.BEARER) {
            throw new IllegalArgumentException(method + " " + path + " takes a token in the query but is not authenticated");
        }
        if (inputs.stream().map(Input::source).filter(Input.Source::isBody).distinct().count() > 1) {
            // one body, read one way (a form-or-JSON body is one way: the request's content type decides)
            throw new IllegalArgumentException(method + " " + path + " cannot take body fields of different kinds");
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

    public static Builder put(String path) {
        return new Builder(HandlerType.PUT, path);
    }

    public static Builder delete(String path) {
        return new Builder(HandlerType.DELETE, path);
    }

    /** Whether the dispatcher requires a bearer token before the action runs. */
    public boolean authenticated() {
        return access == Access.BEARER;
    }

    /** Builds a {@link Route}; {@link #answers} and {@link Answering#handle} finish it. */
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
        private final List<Response<?>> responses = new ArrayList<>();

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

        /** The success {@code 101 Switching Protocols} to a WebSocket, answered by the WebSocket endpoint. */
        public Builder switchingProtocols(String description) {
            return respond(Response.withoutBody(101, description));
        }

        /**
         * Declares an answer that is not an outcome of the action but comes from elsewhere on
         * this route: a port's fault mapped by the error mapper (the hashing pool's 503).
         */
        public Builder respond(Response<?> response) {
            responses.add(Objects.requireNonNull(response, "response"));
            return this;
        }

        /** How the action's results are answered; they declare the route's responses. */
        public <R> Answering<R> answers(Outcomes<R> outcomes) {
            return new Answering<>(this, outcomes);
        }

        private <R> Route<R> build(Outcomes<R> outcomes, Action<R> action) {
            List<Response<?>> all = new ArrayList<>(outcomes.responses());
            all.addAll(responses);
            return new Route<>(method, path, tag, summary, description, access, tokenInQuery, callsApplication, inputs,
                    all, outcomes, action);
        }
    }

    /** A route whose answers are known; its action finishes it. */
    public static final class Answering<R> {
        private final Builder builder;
        private final Outcomes<R> outcomes;

        private Answering(Builder builder, Outcomes<R> outcomes) {
            this.builder = builder;
            this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        }

        public Route<R> handle(Action<R> action) {
            return builder.build(outcomes, action);
        }
    }
}
