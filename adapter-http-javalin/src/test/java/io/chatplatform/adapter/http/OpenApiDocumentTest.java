package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.chatplatform.domain.Ids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What OpenAPI tooling (Redocly, Spectral, openapi-generator) needs from {@code /openapi.json}.
 * Also writes the document to {@code target/openapi.json}, where {@code .ci/run} lints it with
 * Redocly's recommended ruleset.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The OpenAPI document, as tooling reads it")
class OpenApiDocumentTest {

    /** The operations anyone may call, as the API contract lists them. */
    static final Set<String> PUBLIC = Set.of("POST /register", "POST /login", "POST /token/refresh", "GET /health",
            "GET /health/live",
            "GET /metrics", "GET /cache/stats", "GET /", "GET /openapi.json", "GET /docs", "GET /redoc", "GET /app");
    static final Path WRITTEN = Path.of("target", "openapi.json");

    /** The published OpenAPI 3.1 schemas, vendored (see src/test/resources/openapi-3.1/README.md). */
    private static final Map<String, String> VENDORED = Map.of(
            "https://spec.openapis.org/oas/3.1/schema/2022-10-07", "classpath:openapi-3.1/schema-2022-10-07.json",
            "https://spec.openapis.org/oas/3.1/schema-base/2022-10-07", "classpath:openapi-3.1/schema-base-2022-10-07.json",
            "https://spec.openapis.org/oas/3.1/dialect/base", "classpath:openapi-3.1/dialect-base.json",
            "https://spec.openapis.org/oas/3.1/meta/base", "classpath:openapi-3.1/meta-base.json");

    private final TestServer api = TestServer.start();
    private JsonNode doc;

    @BeforeAll
    void fetch() throws IOException {
        TestServer.Reply reply = api.get("/openapi.json");
        assertThat(reply.status()).isEqualTo(200);
        doc = reply.json();
        Files.createDirectories(WRITTEN.getParent());
        Files.write(WRITTEN, reply.bytes());
    }

    @AfterAll
    void stop() {
        api.close();
    }

    /**
     * The schema with Schema Object checks ({@code schema-base}): the document's structure, and
     * each of its JSON Schemas against OpenAPI's dialect of JSON Schema 2020-12.
     */
    private static Schema openApi31Schema() {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaIdResolvers(resolvers -> resolvers.mappings(VENDORED)));
        return registry.getSchema(SchemaLocation.of("https://spec.openapis.org/oas/3.1/schema-base/2022-10-07"));
    }

    @Test
    @DisplayName("is valid against the published OpenAPI 3.1 schema, its JSON Schemas included")
    void validAgainstTheOpenApiSchema() throws IOException {
        List<Error> errors = openApi31Schema().validate(doc);

        assertThat(errors).as("schema violations").isEmpty();
        assertThat(Files.readAllBytes(WRITTEN)).as("the copy Redocly lints").isEqualTo(api.get("/openapi.json").bytes());
    }

    @Test
    @DisplayName("the schema check catches a broken document: a missing version, an unknown parameter location, a bad type")
    void schemaCheckCanFail() {
        Schema schema = openApi31Schema();

        ObjectNode noVersion = doc.deepCopy();
        ((ObjectNode) noVersion.get("info")).remove("version");
        assertThat(schema.validate(noVersion).toString()).contains("/info", "version");

        ObjectNode badParameter = doc.deepCopy();
        ((ObjectNode) badParameter.at("/paths/~1messages/get/parameters/0")).put("in", "body");
        assertThat(schema.validate(badParameter).toString()).contains("/paths/~1messages/get/parameters/0/in");

        ObjectNode badType = doc.deepCopy();
        ((ObjectNode) badType.at("/components/schemas/MessageView/properties/id")).put("type", "integr");
        assertThat(schema.validate(badType).toString()).contains("/components/schemas/MessageView/properties/id/type");

        ObjectNode badBound = doc.deepCopy();
        ((ObjectNode) badBound.at("/paths/~1send/post/requestBody/content/application~1json/schema/properties/content"))
                .put("maxLength", "4000");
        assertThat(schema.validate(badBound).toString()).contains("properties/content/maxLength");
    }

    @Test
    @DisplayName("names one relative server, so that it is right behind any proxy or host name")
    void servers() {
        assertThat(doc.get("servers")).hasSize(1);
        assertThat(doc.at("/servers/0/url").asText()).isEqualTo("/");
    }

    @Test
    @DisplayName("every operation has a unique operationId, a summary, a description and one tag declared with a description")
    void operationsAreDescribed() {
        Set<String> declaredTags = new HashSet<>();
        doc.get("tags").forEach(tag -> {
            assertThat(tag.get("description").asText()).as(tag.get("name").asText()).isNotBlank();
            declaredTags.add(tag.get("name").asText());
        });
        Set<String> operationIds = new HashSet<>();
        Set<String> usedTags = new HashSet<>();
        forEachOperation((name, operation) -> {
            assertThat(operationIds.add(operation.get("operationId").asText())).as(name + " operationId unique").isTrue();
            assertThat(operation.get("summary").asText()).as(name).isNotBlank();
            assertThat(operation.get("description").asText()).as(name).isNotBlank()
                    .isNotEqualTo(operation.get("summary").asText());
            assertThat(operation.get("tags")).as(name).hasSize(1);
            usedTags.add(operation.at("/tags/0").asText());
        });
        assertThat(operationIds).hasSizeGreaterThan(20);
        assertThat(usedTags).isEqualTo(declaredTags);
    }

    @Test
    @DisplayName("public operations declare security [], protected ones the bearer scheme, GET /ws an optional bearer")
    void security() {
        assertThat(doc.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");
        List<String> publicOperations = new ArrayList<>();
        forEachOperation((name, operation) -> {
            JsonNode security = operation.get("security");
            assertThat(security).as(name + " declares security").isNotNull();
            if (security.isEmpty()) {
                publicOperations.add(name);
            } else if (name.equals("GET /ws")) {
                assertThat(security).isEqualTo(TestServer.parse("[{\"bearerAuth\": []}, {}]"));
            } else {
                assertThat(security).as(name).isEqualTo(TestServer.parse("[{\"bearerAuth\": []}]"));
                assertThat(operation.at("/responses/401/headers/WWW-Authenticate")).as(name).isNotEmpty();
            }
        });
        assertThat(publicOperations).containsExactlyInAnyOrderElementsOf(PUBLIC);
        assertThat(doc.has("security")).as("no document-wide default to mistake").isFalse();
    }

    @Test
    @DisplayName("every 401 declares the WWW-Authenticate header")
    void unauthorizedDeclaresChallenge() {
        List<String> withUnauthorized = new ArrayList<>();
        forEachOperation((name, operation) -> {
            JsonNode unauthorized = operation.at("/responses/401");
            if (!unauthorized.isMissingNode()) {
                withUnauthorized.add(name);
                assertThat(unauthorized.at("/headers/WWW-Authenticate/schema/type").asText()).as(name).isEqualTo("string");
            }
        });
        assertThat(withUnauthorized).hasSize(26);
    }

    @Test
    @DisplayName("ids are int64 below 2^53 in parameters and request bodies")
    void idInputsAreInt64() {
        List<String> ids = new ArrayList<>();
        forEachOperation((name, operation) -> {
            List<JsonNode> inputs = new ArrayList<>();
            operation.path("parameters").forEach(inputs::add);
            operation.at("/requestBody/content").forEach(media -> media.at("/schema/properties").properties()
                    .forEach(field -> inputs.add(((ObjectNode) field.getValue().deepCopy()).put("name", field.getKey())
                            .set("schema", field.getValue()))));
            for (JsonNode input : inputs) {
                String inputName = input.get("name").asText();
                JsonNode schema = input.get("schema");
                if (schema.path("type").asText().equals("integer")) {
                    boolean id = inputName.equals("id") || inputName.endsWith("_id");
                    assertThat(schema.get("format").asText()).as(name + " " + inputName)
                            .isEqualTo(id ? "int64" : "int32");
                    if (id) {
                        ids.add(name + " " + inputName);
                        assertThat(schema.get("minimum").asLong()).isEqualTo(1);
                        assertThat(schema.get("maximum").asLong()).isEqualTo(Ids.MAX_JSON_SAFE);
                    }
                }
            }
        });
        assertThat(ids).contains("POST /send recipient_id", "GET /messages with_user_id", "GET /messages before_id",
                "GET /users/{user_id} user_id", "POST /messages/{message_id}/read message_id",
                "POST /conversations/{user_id}/read user_id", "POST /conversations/{user_id}/read up_to_message_id",
                "POST /send reply_to_message_id", "PATCH /messages/{message_id} message_id",
                "GET /messages/{message_id}/edits message_id", "DELETE /messages/{message_id} message_id",
                "PUT /messages/{message_id}/reactions/{emoji} message_id",
                "DELETE /messages/{message_id}/reactions/{emoji} message_id",
                "DELETE /sessions/{session_id} session_id", "PUT /users/{user_id}/block user_id",
                "DELETE /users/{user_id}/block user_id");
    }

    @Test
    @DisplayName("every integer of a response is int64: views hold ids, counts and seqs as long")
    void responseIntegersAreInt64() {
        List<String> integers = new ArrayList<>();
        doc.at("/components/schemas").properties().forEach(schema -> schema.getValue().path("properties").properties()
                .forEach(property -> {
                    JsonNode type = property.getValue().path("type");
                    if (type.asText().equals("integer") || type.isArray() && type.toString().contains("\"integer\"")) {
                        integers.add(schema.getKey() + "." + property.getKey());
                        assertThat(property.getValue().get("format").asText())
                                .as(schema.getKey() + "." + property.getKey()).isEqualTo("int64");
                    }
                }));
        assertThat(integers).contains("MessageView.id", "MessageView.sender_id", "MessageView.recipient_id",
                "MessageView.seq", "RegisteredUserView.id", "OwnProfileView.id", "PublicProfileView.id",
                "UserSearchResultView.id", "OnlineUserView.id", "ConversationView.user_id", "AccessTokenView.session_id",
                "SessionView.id", "BlockedUserView.id", "ExportedConversationView.user_id",
                "ConversationView.last_message_id", "UnreadCountView.unread_count");
    }

    @Test
    @DisplayName("/metrics offers both exposition formats and lists no Accept parameter (OpenAPI ignores one)")
    void metrics() {
        JsonNode metrics = doc.at("/paths/~1metrics/get");

        assertThat(metrics.has("parameters")).isFalse();
        assertThat(OwnProfileTest.fieldNames(metrics.at("/responses/200/content")))
                .containsExactly("text/plain", "application/openmetrics-text");
        assertThat(metrics.get("description").asText()).contains("Accept");
    }

    @Test
    @DisplayName("every operation documents the server's own 414 and 431, answered as JSON before routing")
    void serverErrorsOnEveryOperation() {
        forEachOperation((name, operation) -> {
            assertThat(operation.at("/responses/414/$ref").asText()).as(name).isEqualTo("#/components/responses/URITooLong");
            assertThat(operation.at("/responses/431/$ref").asText()).as(name)
                    .isEqualTo("#/components/responses/RequestHeaderFieldsTooLarge");
        });
        assertThat(doc.at("/components/responses/RequestHeaderFieldsTooLarge/content/application~1json/schema/$ref")
                .asText()).isEqualTo("#/components/schemas/ErrorView");
        assertThat(doc.at("/info/description").asText()).contains("414", "431");
    }

    @Test
    @DisplayName("the routes of messages that change declare exactly the answers they give; for is an enum defaulting to everyone")
    void messageChangeRoutes() {
        Map<String, List<String>> statuses = Map.of(
                "/paths/~1messages~1{message_id}/patch", List.of("200", "401", "404", "409", "413", "414", "422", "429",
                        "431", "500", "503"),
                "/paths/~1messages~1{message_id}~1edits/get", List.of("200", "401", "404", "414", "422", "431", "500", "503"),
                "/paths/~1messages~1{message_id}/delete", List.of("204", "401", "404", "414", "422", "429", "431", "500",
                        "503"),
                "/paths/~1messages~1{message_id}~1reactions~1{emoji}/put", List.of("200", "401", "404", "409", "414", "422",
                        "429", "431", "500", "503"),
                "/paths/~1messages~1{message_id}~1reactions~1{emoji}/delete", List.of("200", "401", "404", "409", "414",
                        "422", "429", "431", "500", "503"));
        statuses.forEach((operation, expected) -> assertThat(OwnProfileTest.fieldNames(doc.at(operation + "/responses")))
                .as(operation).containsExactlyElementsOf(expected));

        JsonNode scope = doc.at("/paths/~1messages~1{message_id}/delete/parameters/1");
        assertThat(scope.get("name").asText()).isEqualTo("for");
        assertThat(scope.get("in").asText()).isEqualTo("query");
        assertThat(scope.get("required").asBoolean()).isFalse();
        assertThat(scope.get("schema")).isEqualTo(TestServer.parse(
                "{\"type\": \"string\", \"enum\": [\"everyone\", \"me\"], \"default\": \"everyone\"}"));
        assertThat(doc.at("/paths/~1messages~1{message_id}~1edits/get/responses/200/content/application~1json/schema/items/$ref")
                .asText()).isEqualTo("#/components/schemas/EditView");
        assertThat(doc.at("/paths/~1send/post/responses/422/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ValidationErrorView");
        assertThat(doc.at("/paths/~1send/post/responses/422/description").asText()).contains("reply_to_message_id");
    }

    @Test
    @DisplayName("the routes of issue 12 declare exactly the answers they give; a refresh token comes as a form or as JSON")
    void sessionBlockAndAccountRoutes() {
        Map<String, List<String>> statuses = Map.of(
                "/paths/~1token~1refresh/post", List.of("200", "401", "413", "414", "422", "429", "431", "500", "503"),
                "/paths/~1logout/post", List.of("204", "401", "414", "431", "500", "503"),
                "/paths/~1sessions/get", List.of("200", "401", "414", "429", "431", "500", "503"),
                "/paths/~1sessions~1{session_id}/delete", List.of("204", "401", "404", "414", "422", "429", "431", "500",
                        "503"),
                "/paths/~1users~1{user_id}~1block/put", List.of("204", "401", "404", "409", "414", "422", "431", "500",
                        "503"),
                "/paths/~1users~1{user_id}~1block/delete", List.of("204", "401", "404", "414", "422", "431", "500", "503"),
                "/paths/~1users~1me/delete", List.of("204", "401", "403", "413", "414", "422", "431", "500", "503"),
                "/paths/~1users~1me~1export/get", List.of("200", "401", "414", "431", "500", "503"),
                "/paths/~1send/post", List.of("200", "401", "403", "404", "413", "414", "422", "429", "431", "500", "503"));
        statuses.forEach((operation, expected) -> assertThat(OwnProfileTest.fieldNames(doc.at(operation + "/responses")))
                .as(operation).containsExactlyElementsOf(expected));

        JsonNode refresh = doc.at("/paths/~1token~1refresh/post/requestBody/content");
        assertThat(OwnProfileTest.fieldNames(refresh)).containsExactly("application/x-www-form-urlencoded", "application/json");
        // not required: a browser's refresh token is the cookie chat_refresh (a parameter in: cookie)
        refresh.forEach(media -> assertThat(media.at("/schema/required").isMissingNode()).isTrue());
        refresh.forEach(media -> assertThat(OwnProfileTest.fieldNames(media.at("/schema/properties")))
                .containsExactly("refresh_token", "cookie"));
        assertThat(doc.at("/paths/~1token~1refresh/post/responses/401/headers/WWW-Authenticate").isMissingNode()).isFalse();
        assertThat(doc.at("/paths/~1login/post/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo(doc.at("/paths/~1token~1refresh/post/responses/200/content/application~1json/schema/$ref").asText());
        assertThat(OwnProfileTest.fieldNames(doc.at("/components/schemas/AccessTokenView/properties")))
                .containsExactly("access_token", "token_type", "expires_in", "refresh_token", "session_id");
        assertThat(doc.at("/paths/~1users~1me~1export/get/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/AccountExportView");
        assertThat(doc.at("/paths/~1users~1me~1export/get/responses/200/headers/Content-Disposition/schema/type")
                .asText()).isEqualTo("string");
        assertThat(doc.at("/paths/~1users~1{user_id}~1block/put/responses/422/description").asText())
                .contains("You cannot block yourself");
    }

    private void forEachOperation(BiConsumer<String, JsonNode> check) {
        doc.get("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(operation -> check.accept(operation.getKey().toUpperCase() + " " + path.getKey(),
                        operation.getValue())));
    }
}
