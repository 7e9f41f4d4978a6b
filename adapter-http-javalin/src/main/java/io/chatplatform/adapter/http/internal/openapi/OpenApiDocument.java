package io.chatplatform.adapter.http.internal.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatplatform.adapter.http.internal.auth.BearerAuth;
import io.chatplatform.adapter.http.internal.json.Json;
import io.chatplatform.adapter.http.internal.pipeline.ErrorMapper;
import io.chatplatform.adapter.http.internal.pipeline.RequestIds;
import io.chatplatform.adapter.http.internal.request.Constraints;
import io.chatplatform.adapter.http.internal.request.Input;
import io.chatplatform.adapter.http.internal.route.Html;
import io.chatplatform.adapter.http.internal.route.Response;
import io.chatplatform.adapter.http.internal.route.Route;
import io.chatplatform.adapter.http.internal.route.Text;
import io.chatplatform.adapter.http.internal.view.ServerErrorView;
import io.chatplatform.adapter.http.internal.view.ValidationErrorView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The OpenAPI 3.1 document of the API, generated from the route descriptors that also register
 * the routes, so that it cannot drift from them. Built once, on first use.
 */
public final class OpenApiDocument {

    private static final String SECURITY_SCHEME = "bearerAuth";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Set<String> IGNORED_HEADERS = Set.of("accept", "content-type", "authorization");
    /**
     * What the HTTP server answers before any route sees the request, so on every operation
     * ({@link io.chatplatform.adapter.http.internal.pipeline.JettyErrors}); declared once, referenced.
     */
    private static final List<Response<?>> COMMON_RESPONSES = List.of(
            Response.error(414, "URI Too Long: the path and query exceed the server's limit"),
            Response.error(431, "Request Header Fields Too Large: the headers exceed the server's limit"));

    private final String title;
    private final String version;
    private final Supplier<List<Route<?>>> routes;
    private volatile ObjectNode document;

    /** @param routes the routes to describe, asked for when the document is first needed */
    public OpenApiDocument(String title, String version, Supplier<List<Route<?>>> routes) {
        this.title = Objects.requireNonNull(title, "title");
        this.version = Objects.requireNonNull(version, "version");
        this.routes = Objects.requireNonNull(routes, "routes");
    }

    /** The document. Callers must not modify it. */
    public ObjectNode json() {
        ObjectNode current = document;
        if (current == null) {
            synchronized (this) {
                current = document;
                if (current == null) {
                    current = generate(routes.get());
                    document = current;
                }
            }
        }
        return current;
    }

    private ObjectNode generate(List<Route<?>> routes) {
        ObjectMapper mapper = Json.mapper();
        ObjectNode root = mapper.createObjectNode().put("openapi", "3.1.0");
        root.putObject("info")
                .put("title", title)
                .put("version", version)
                .put("description", "Direct messaging. Errors are {\"detail\": ...}, whoever answers them: a route,"
                        + " or the HTTP server itself for a request it cannot parse (400), a URI or headers over its"
                        + " limits (414, 431). Validation errors (422) list every offending input in FastAPI's shape."
                        + " Every response carries an " + RequestIds.HEADER + " header, which server errors also show"
                        + " in their body. Live events (new and changed messages, read and delivery markers, typing,"
                        + " presence) arrive over the WebSocket GET /ws; its protocol is described in"
                        + " docs/realtime.md.")
                .putObject("license").put("name", "Apache-2.0").put("identifier", "Apache-2.0");
        // relative: the same document is right behind any proxy or host name it is served through
        root.putArray("servers").addObject().put("url", "/")
                .put("description", "The server this document was fetched from");
        ArrayNode tags = root.putArray("tags");
        ObjectNode paths = root.putObject("paths");
        ObjectNode components = root.putObject("components");
        JsonSchemas schemas = new JsonSchemas(mapper, components.putObject("schemas"));
        ObjectNode common = components.putObject("responses");
        for (Response<?> response : COMMON_RESPONSES) {
            common.set(componentName(response), response(mapper, schemas, response));
        }
        components.putObject("securitySchemes").putObject(SECURITY_SCHEME)
                .put("type", "http").put("scheme", "bearer")
                .put("description", "The access_token from POST /login");
        Set<String> tagged = new HashSet<>();
        for (Route<?> route : routes) {
            if (tagged.add(route.tag().name())) {
                tags.addObject().put("name", route.tag().name()).put("description", route.tag().description());
            }
            ObjectNode pathItem = paths.has(route.path()) ? (ObjectNode) paths.get(route.path()) : paths.putObject(route.path());
            pathItem.set(route.method().name().toLowerCase(Locale.ROOT), operation(mapper, schemas, route));
        }
        return root;
    }

    private ObjectNode operation(ObjectMapper mapper, JsonSchemas schemas, Route<?> route) {
        ObjectNode operation = mapper.createObjectNode();
        operation.putArray("tags").add(route.tag().name());
        operation.put("summary", route.summary());
        operation.put("description", route.description());
        operation.put("operationId", operationId(route));
        ArrayNode parameters = mapper.createArrayNode();
        for (Input<?> input : route.inputs()) {
            if (!input.source().isBody() && !ignoredByOpenApi(input)) {
                parameters.add(parameter(mapper, input));
            }
        }
        if (route.tokenInQuery()) {
            parameters.addObject()
                    .put("name", BearerAuth.QUERY_PARAMETER).put("in", "query").put("required", false)
                    .put("deprecated", true)
                    .put("description", "The bearer token, for clients of the replaced service; send the"
                            + " Authorization header instead")
                    .putObject("schema").put("type", "string");
        }
        if (!parameters.isEmpty()) {
            operation.set("parameters", parameters);
        }
        requestBody(mapper, route).ifPresent(body -> operation.set("requestBody", body));
        operation.set("responses", responses(mapper, schemas, route));
        ArrayNode security = operation.putArray("security");
        switch (route.access()) {
            case PUBLIC -> { } // an empty list: no credentials needed
            case BEARER -> security.addObject().putArray(SECURITY_SCHEME);
            case IN_PROTOCOL -> {
                // a token in the handshake is optional: the protocol can also carry it later
                security.addObject().putArray(SECURITY_SCHEME);
                security.addObject();
            }
        }
        return operation;
    }

    /**
     * OpenAPI says a header parameter named Accept, Content-Type or Authorization "SHALL be
     * ignored": those are described by the response media types, the request body and the
     * security requirement. The route still reads such a header; the document just does not
     * list it.
     */
    private static boolean ignoredByOpenApi(Input<?> input) {
        return input.source() == Input.Source.HEADER
                && IGNORED_HEADERS.contains(input.name().toLowerCase(Locale.ROOT));
    }

    private static ObjectNode parameter(ObjectMapper mapper, Input<?> input) {
        ObjectNode parameter = mapper.createObjectNode()
                .put("name", input.name())
                .put("in", input.source().loc())
                .put("required", input.required())
                .put("description", input.description());
        parameter.set("schema", inputSchema(mapper, input));
        return parameter;
    }

    private static Optional<ObjectNode> requestBody(ObjectMapper mapper, Route<?> route) {
        List<Input<?>> fields = route.inputs().stream().filter(i -> i.source().isBody()).toList();
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode schema = mapper.createObjectNode().put("type", "object");
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = mapper.createArrayNode();
        for (Input<?> field : fields) {
            properties.set(field.name(), inputSchema(mapper, field).put("description", field.description()));
            if (field.required()) {
                required.add(field.name());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        List<String> mediaTypes = switch (fields.get(0).source()) {
            case FORM_BODY -> List.of(FORM);
            case FORM_OR_JSON_BODY -> List.of(FORM, Response.JSON);
            default -> List.of(Response.JSON);
        };
        ObjectNode body = mapper.createObjectNode().put("required", !required.isEmpty());
        ObjectNode content = body.putObject("content");
        for (String mediaType : mediaTypes) {
            content.putObject(mediaType).set("schema", schema.deepCopy());
        }
        return Optional.of(body);
    }

    /** The input's JSON type and the rules its domain type enforces, as JSON Schema keywords. */
    private static ObjectNode inputSchema(ObjectMapper mapper, Input<?> input) {
        String type = switch (input.kind()) {
            case INTEGER -> "integer";
            case BOOLEAN -> "boolean";
            case STRING -> "string";
        };
        ObjectNode schema = mapper.createObjectNode();
        if (input.nullable()) {
            schema.putArray("type").add(type).add("null");
        } else {
            schema.put("type", type);
        }
        Constraints rules = input.constraints();
        if (rules.format() != null) {
            schema.put("format", rules.format());
        }
        if (rules.minimum() != null) {
            schema.put("minimum", rules.minimum());
        }
        if (rules.maximum() != null) {
            schema.put("maximum", rules.maximum());
        }
        if (rules.minLength() != null) {
            schema.put("minLength", rules.minLength());
        }
        if (rules.maxLength() != null) {
            schema.put("maxLength", rules.maxLength());
        }
        if (rules.pattern() != null) {
            schema.put("pattern", rules.pattern());
        }
        if (rules.values() != null) {
            ArrayNode values = schema.putArray("enum");
            rules.values().forEach(values::add);
        }
        if (input.defaultValue() instanceof Integer number) {
            schema.put("default", number);
        } else if (input.defaultValue() instanceof String text) {
            schema.put("default", text);
        }
        return schema;
    }

    private static ObjectNode responses(ObjectMapper mapper, JsonSchemas schemas, Route<?> route) {
        List<Response<?>> all = new ArrayList<>(route.responses());
        addUnlessDeclared(all, route.authenticated(), Response.error(401,
                "Not authenticated, or the token is invalid or expired (with WWW-Authenticate: Bearer)"));
        addUnlessDeclared(all, route.inputs().stream().anyMatch(i -> i.source().isBody()), Response.error(413,
                "Content Too Large: the body exceeds the server's limit"));
        addUnlessDeclared(all, !route.inputs().isEmpty(), Response.json(422,
                "Validation error: every offending input", ValidationErrorView.class));
        addUnlessDeclared(all, true, Response.json(500,
                "Internal Server Error, with the request id of the log line", ServerErrorView.class));
        addUnlessDeclared(all, route.callsApplication(), Response.json(503,
                "Service temporarily unavailable: a store does not answer; try again later", ServerErrorView.class));
        COMMON_RESPONSES.forEach(common -> addUnlessDeclared(all, true, common));
        all.sort(Comparator.comparingInt(Response::status));
        ObjectNode responses = mapper.createObjectNode();
        for (Response<?> response : all) {
            String status = Integer.toString(response.status());
            if (COMMON_RESPONSES.contains(response)) {
                responses.putObject(status).put("$ref", "#/components/responses/" + componentName(response));
            } else {
                responses.set(status, response(mapper, schemas, response));
            }
        }
        return responses;
    }

    private static ObjectNode response(ObjectMapper mapper, JsonSchemas schemas, Response<?> response) {
        ObjectNode entry = mapper.createObjectNode().put("description", response.description());
        if (response.status() == 401) {
            entry.putObject("headers").putObject("WWW-Authenticate")
                    .put("description", "Bearer").putObject("schema").put("type", "string");
        } else if (response.status() == 429 || response.status() == 503) {
            ObjectNode retryAfter = entry.putObject("headers").putObject("Retry-After")
                    .put("description", response.status() == 429
                            ? "Seconds until the limit lets the caller try again (at least 1)"
                            : "Seconds to wait, when the service was too busy for the request (not when a store is down)")
                    .put("required", response.status() == 429);
            retryAfter.putObject("schema").put("type", "integer").put("format", "int32").put("minimum", 1);
        }
        response.headers().forEach((name, description) -> {
            ObjectNode headers = entry.has("headers") ? (ObjectNode) entry.get("headers") : entry.putObject("headers");
            headers.putObject(name).put("description", description).put("required", true)
                    .putObject("schema").put("type", "string");
        });
        if (!response.hasBody()) {
            return entry;
        }
        ObjectNode content = entry.putObject("content");
        for (String mediaType : response.mediaTypes()) {
            ObjectNode schema = response.type() == Html.class || response.type() == Text.class
                    ? mapper.createObjectNode().put("type", "string")
                    : response.list() ? schemas.arrayOf(response.type()) : schemas.of(response.type());
            content.putObject(mediaType).set("schema", schema);
        }
        return entry;
    }

    /** {@code RequestHeaderFieldsTooLarge} for 431: the reason phrase in one word. */
    private static String componentName(Response<?> response) {
        return ErrorMapper.reasonPhrase(response.status()).replaceAll("[^A-Za-z]", "");
    }

    private static void addUnlessDeclared(List<Response<?>> responses, boolean applies, Response<?> response) {
        if (applies && responses.stream().noneMatch(r -> r.status() == response.status())) {
            responses.add(response);
        }
    }

    /** {@code get_users_user_id}: unique because method and path are. */
    private static String operationId(Route<?> route) {
        String path = route.path().replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
        return route.method().name().toLowerCase(Locale.ROOT) + (path.isEmpty() ? "_root" : "_" + path);
    }
}
