package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.TestServer.Reply;
import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.port.in.CheckHealth;
import io.chatplatform.application.port.in.CheckHealth.DependencyState;
import io.chatplatform.application.port.out.WorkerCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Health, service info, OpenAPI document and documentation pages")
class OperationsTest {

    private static final Instant CHECKED_AT = Instant.parse("2026-11-27T14:31:05.123Z");

    private final AtomicReference<CheckHealth.Health> health =
            new AtomicReference<>(new CheckHealth.Health(DependencyState.CONNECTED, DependencyState.CONNECTED));
    private final TestServer api = startWithHealth();

    private TestServer startWithHealth() {
        InMemoryChat chat = new InMemoryChat();
        return TestServer.start(chat, chat.app, health::get, TestServer.settings());
    }

    @AfterAll
    void stop() {
        api.close();
    }

    @Test
    @DisplayName("health answers 200 healthy when every dependency answers")
    void healthy() {
        health.set(new CheckHealth.Health(DependencyState.CONNECTED, DependencyState.CONNECTED));

        Expect.reply(api.get("/health"), 200, """
                {"status": "healthy", "database": "connected", "cache": "connected", "database_workers": null}""");
    }

    @Test
    @DisplayName("health answers 200 degraded when the cache is down, and healthy when there is none")
    void degraded() {
        health.set(new CheckHealth.Health(DependencyState.CONNECTED, DependencyState.UNAVAILABLE));
        Expect.reply(api.get("/health"), 200, """
                {"status": "degraded", "database": "connected", "cache": "unavailable", "database_workers": null}""");

        health.set(new CheckHealth.Health(DependencyState.CONNECTED, DependencyState.DISABLED));
        Expect.reply(api.get("/health"), 200, """
                {"status": "healthy", "database": "connected", "cache": "disabled", "database_workers": null}""");
    }

    @Test
    @DisplayName("health answers 503 unhealthy, same shape, when the database is down")
    void unhealthy() {
        health.set(new CheckHealth.Health(DependencyState.UNAVAILABLE, DependencyState.CONNECTED));

        Expect.reply(api.get("/health"), 503, """
                {"status": "unhealthy", "database": "unavailable", "cache": "connected", "database_workers": null}""");
    }

    @Test
    @DisplayName("health answers 200 degraded, with the workers' counts, when some database workers do not answer")
    void workerDown() {
        health.set(new CheckHealth.Health(DependencyState.DEGRADED, DependencyState.CONNECTED,
                Optional.of(new WorkerCheck(3, List.of("10.0.0.7:5432"), CHECKED_AT))));

        Reply reply = api.get("/health");

        Expect.reply(reply, 200, """
                {"status": "degraded", "database": "degraded", "cache": "connected",
                 "database_workers": {"total": 3, "unavailable": 1, "checked_at": "2026-11-27T14:31:05.123Z"}}""");
        assertThat(reply.body()).as("worker addresses stay in the log").doesNotContain("10.0.0.7");
    }

    @Test
    @DisplayName("health answers 503 unhealthy when no database worker answers, and 200 healthy when all do")
    void allWorkersDown() {
        health.set(new CheckHealth.Health(DependencyState.UNAVAILABLE, DependencyState.CONNECTED,
                Optional.of(new WorkerCheck(2, List.of("w1:5432", "w2:5432"), CHECKED_AT))));
        Expect.reply(api.get("/health"), 503, """
                {"status": "unhealthy", "database": "unavailable", "cache": "connected",
                 "database_workers": {"total": 2, "unavailable": 2, "checked_at": "2026-11-27T14:31:05.123Z"}}""");

        health.set(new CheckHealth.Health(DependencyState.CONNECTED, DependencyState.CONNECTED,
                Optional.of(new WorkerCheck(2, List.of(), CHECKED_AT))));
        Expect.reply(api.get("/health"), 200, """
                {"status": "healthy", "database": "connected", "cache": "connected",
                 "database_workers": {"total": 2, "unavailable": 0, "checked_at": "2026-11-27T14:31:05.123Z"}}""");
    }

    @Test
    @DisplayName("the root names the service, its version, its health as /health reports it and where the documentation and the web client are")
    void root() {
        health.set(new CheckHealth.Health(DependencyState.CONNECTED, DependencyState.CONNECTED));

        Expect.reply(api.get("/"), 200, """
                {"service": "Chat Platform", "version": "1.2.3-test",
                 "status": "healthy", "database": "connected", "cache": "connected",
                 "docs": "/docs", "redoc": "/redoc", "openapi": "/openapi.json", "app": "/app/"}""");
    }

    @Test
    @DisplayName("the root keeps the replaced service's status, database and cache, and still answers 200 when unhealthy")
    void rootFollowsHealth() {
        health.set(new CheckHealth.Health(DependencyState.CONNECTED, DependencyState.UNAVAILABLE));
        JsonNode degraded = api.get("/").json();
        assertThat(degraded.get("status").asText()).isEqualTo("degraded");
        assertThat(degraded.get("cache").asText()).isEqualTo("unavailable");

        health.set(new CheckHealth.Health(DependencyState.UNAVAILABLE, DependencyState.DISABLED));
        Reply unhealthy = api.get("/");

        assertThat(unhealthy.status()).as("a probe asks /health; / is information").isEqualTo(200);
        assertThat(unhealthy.json().get("status").asText()).isEqualTo("unhealthy");
        assertThat(unhealthy.json().get("database").asText()).isEqualTo("unavailable");
        assertThat(unhealthy.json().get("cache").asText()).isEqualTo("disabled");
        assertThat(unhealthy.json().get("service").asText()).isEqualTo("Chat Platform");
        health.set(new CheckHealth.Health(DependencyState.CONNECTED, DependencyState.CONNECTED));
    }

    @Test
    @DisplayName("the OpenAPI document lists the routes with parameters, bodies, responses and security")
    void openApiContent() {
        Reply reply = api.get("/openapi.json");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode doc = reply.json();

        assertThat(doc.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.at("/info/title").asText()).isEqualTo("Chat Platform");
        assertThat(doc.at("/info/version").asText()).isEqualTo("1.2.3-test");
        assertThat(doc.at("/components/securitySchemes/bearerAuth/scheme").asText()).isEqualTo("bearer");

        JsonNode send = doc.at("/paths/~1send/post");
        assertThat(send.at("/requestBody/required").asBoolean()).isTrue();
        assertThat(send.at("/requestBody/content/application~1json/schema/required"))
                .isEqualTo(TestServer.parse("[\"recipient_id\", \"content\"]"));
        assertThat(send.at("/requestBody/content/application~1json/schema/properties/recipient_id/maximum").asLong())
                .isEqualTo(9007199254740991L);
        assertThat(send.at("/parameters/0/name").asText()).isEqualTo("Idempotency-Key");
        assertThat(send.at("/parameters/0/in").asText()).isEqualTo("header");
        assertThat(fieldNames(send.get("responses")))
                .containsExactly("200", "401", "403", "404", "413", "414", "422", "429", "431", "500", "503");
        assertThat(send.at("/responses/429/headers/Retry-After/required").asBoolean()).isTrue();
        assertThat(send.at("/responses/429/headers/Retry-After/schema/minimum").asInt()).isEqualTo(1);
        JsonNode busy = doc.at("/paths/~1login/post/responses/503");
        assertThat(busy.at("/description").asText()).startsWith("Too busy, try again shortly");
        assertThat(busy.at("/headers/Retry-After/required").asBoolean()).isFalse();
        assertThat(send.at("/responses/431/$ref").asText()).isEqualTo("#/components/responses/RequestHeaderFieldsTooLarge");
        assertThat(send.at("/responses/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/MessageView");
        assertThat(send.at("/responses/404/description").asText()).isEqualTo("Recipient not found");
        assertThat(send.at("/security/0/bearerAuth").isArray()).isTrue();

        JsonNode message = doc.at("/components/schemas/MessageView");
        assertThat(fieldNames(message.get("properties"))).containsExactly("id", "sender_id", "recipient_id", "content",
                "created_at", "seq", "client_message_id", "reply_to_message_id", "edited_at", "deleted_at", "reactions");
        assertThat(message.at("/properties/client_message_id/type"))
                .isEqualTo(TestServer.parse("[\"string\", \"null\"]"));
        assertThat(message.at("/properties/content/type")).as("null for a tombstone")
                .isEqualTo(TestServer.parse("[\"string\", \"null\"]"));
        assertThat(message.at("/properties/reply_to_message_id/type"))
                .isEqualTo(TestServer.parse("[\"integer\", \"null\"]"));
        assertThat(message.at("/properties/reactions/items/$ref").asText()).isEqualTo("#/components/schemas/ReactionView");
        assertThat(fieldNames(doc.at("/components/schemas/ReactionView/properties"))).containsExactly("emoji", "user_ids");
        assertThat(message.at("/properties/created_at/format").asText()).isEqualTo("date-time");

        JsonNode history = doc.at("/paths/~1messages/get");
        assertThat(history.at("/responses/200/content/application~1json/schema/type").asText()).isEqualTo("array");
        assertThat(parameterNames(history)).containsExactly("with_user_id", "limit", "offset", "before_id", "token");
        assertThat(history.at("/parameters/1/schema/default").asInt()).isEqualTo(50);
        assertThat(history.at("/parameters/1/schema/maximum").asInt()).isEqualTo(100);
        assertThat(history.at("/parameters/4/deprecated").asBoolean()).isTrue();

        JsonNode login = doc.at("/paths/~1login/post");
        assertThat(login.at("/requestBody/content/application~1x-www-form-urlencoded/schema/required"))
                .isEqualTo(TestServer.parse("[\"username\", \"password\"]"));
        assertThat(login.get("security")).as("public: an empty security requirement").isEmpty();
        assertThat(login.get("security").isArray()).isTrue();

        assertThat(doc.at("/paths/~1users~1{user_id}/get/parameters/0/in").asText()).isEqualTo("path");
        assertThat(doc.at("/paths/~1health/get/responses/503/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/HealthView");
        assertThat(doc.at("/components/schemas/HealthView/required"))
                .isEqualTo(TestServer.parse("[\"status\", \"database\", \"cache\", \"database_workers\"]"));
        assertThat(doc.at("/components/schemas/HealthView/properties/database_workers/anyOf/0/$ref").asText())
                .isEqualTo("#/components/schemas/DatabaseWorkers");
        assertThat(fieldNames(doc.at("/components/schemas/DatabaseWorkers/properties")))
                .containsExactly("total", "unavailable", "checked_at");
        assertThat(doc.at("/components/schemas/ValidationErrorView/properties/detail/items/$ref").asText())
                .isEqualTo("#/components/schemas/FieldError");
    }

    @Test
    @DisplayName("every schema the document references is defined in it")
    void referencesResolve() {
        String doc = api.get("/openapi.json").body();
        JsonNode schemas = api.get("/openapi.json").json().at("/components/schemas");
        Matcher refs = Pattern.compile("\"\\$ref\":\"#/components/schemas/([^\"]+)\"").matcher(doc);
        int count = 0;
        while (refs.find()) {
            count++;
            assertThat(schemas.has(refs.group(1))).as(refs.group(1)).isTrue();
        }
        assertThat(count).isGreaterThan(10);
    }

    @Test
    @DisplayName("the OpenAPI document describes exactly the routes the server registered")
    void noDrift() {
        Set<String> documented = new HashSet<>();
        for (var path : api.get("/openapi.json").json().get("paths").properties()) {
            path.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey()));
        }

        assertThat(api.server.registeredRoutes()).hasSizeGreaterThan(15);
        assertThat(documented).isEqualTo(api.server.registeredRoutes());
    }

    @Test
    @DisplayName("/docs serves Swagger UI and /redoc serves ReDoc, both on /openapi.json, with assets that load")
    void docsPages() {
        for (String page : List.of("/docs", "/redoc")) {
            Reply reply = api.get(page);

            assertThat(reply.status()).as(page).isEqualTo(200);
            assertThat(reply.header("content-type")).startsWith("text/html");
            assertThat(reply.body()).contains("/openapi.json");
            List<String> assets = assets(reply.body());
            assertThat(assets).as(page + " assets").isNotEmpty().allMatch(a -> a.startsWith("/webjars/"));
            for (String asset : assets) {
                Reply loaded = api.get(asset);
                assertThat(loaded.status()).as(asset).isEqualTo(200);
                assertThat(loaded.bytes().length).as(asset).isGreaterThan(100);
            }
        }
        assertThat(api.get("/docs").body()).contains("SwaggerUIBundle").contains("swagger-ui-bundle.js");
        assertThat(api.get("/redoc").body()).contains("<redoc spec-url=\"/openapi.json\">")
                .contains("redoc.standalone.js");
    }

    private static List<String> assets(String html) {
        List<String> assets = new ArrayList<>();
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            assets.add(m.group(1));
        }
        return assets;
    }

    private static List<String> fieldNames(JsonNode node) {
        return OwnProfileTest.fieldNames(node);
    }

    private static List<String> parameterNames(JsonNode operation) {
        List<String> names = new ArrayList<>();
        operation.get("parameters").forEach(p -> names.add(p.get("name").asText()));
        return names;
    }
}
