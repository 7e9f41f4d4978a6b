package io.chatplatform.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.adapter.http.TestServer.Reply;
import io.chatplatform.adapter.http.TestServer.Session;
import io.chatplatform.domain.user.TimeZoneName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every limit the OpenAPI document states is the one the route enforces: for each constrained
 * input, the value at the document's bound is accepted and the value one past it is refused with a
 * 422 naming that input. The bounds are read from the document, not from the code, so a document
 * that says 129 where the validator allows 128 fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("The constraints in the OpenAPI document are the ones the routes enforce")
class OpenApiConstraintsTest {

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    private final TestServer api = TestServer.start();
    private final Map<String, Probe> probes = new LinkedHashMap<>();
    private Session caller;
    /** Owns no message: every message id is a 404 for them, whatever else the probes do. */
    private Session stranger;
    private long ownMessage;
    private JsonNode doc;

    /**
     * How to put a value into one input of an otherwise valid request: {@code send} takes a String
     * (string inputs) or a Long (integers), {@code valid} makes a valid value of n characters.
     * {@code useCaseRefusal}, when not null, is the {@code msg} of a 422 that the use case gives a
     * value its input took (a reply to a message that is not in the conversation): such a 422 means
     * the bound was accepted.
     */
    private record Probe(Function<Object, Reply> send, IntFunction<String> valid, String useCaseRefusal) {
        Probe(Function<Object, Reply> send, IntFunction<String> valid) {
            this(send, valid, null);
        }
    }

    /** One constrained input as the document states it. */
    record Constrained(String key, List<String> loc, JsonNode schema) {
        @Override
        public String toString() {
            return key;
        }
    }

    @BeforeAll
    void setUp() {
        doc = api.get("/openapi.json").json();
        caller = api.signUp("bounded");
        stranger = api.signUp("stranger");
        ownMessage = api.send(caller, caller, "to be edited");
        IntFunction<String> letters = OpenApiConstraintsTest::letters;

        probes.put("POST /register username", new Probe(v -> register("username", v), letters));
        probes.put("POST /register email", new Probe(v -> register("email", v), OpenApiConstraintsTest::emailOfLength));
        probes.put("POST /register password", new Probe(v -> register("password", v), letters));
        probes.put("POST /login password", new Probe(v -> api.request("POST", "/login")
                .form(Map.of("username", caller.username(), "password", (String) v)).send(), letters));
        probes.put("PATCH /users/me display_name", new Probe(v -> patchMe(Map.of(), "display_name", v), letters));
        probes.put("PATCH /users/me avatar_url", new Probe(v -> patchMe(Map.of(), "avatar_url", v),
                n -> "https://example.com/" + letters(n - "https://example.com/".length())));
        probes.put("PATCH /users/me timezone", new Probe(v -> patchMe(Map.of(), "timezone", v),
                OpenApiConstraintsTest::timeZoneOfLength));
        probes.put("PATCH /users/me current_password", new Probe(
                v -> patchMe(Map.of("new_password", "new-password-1"), "current_password", v), letters));
        probes.put("PATCH /users/me new_password", new Probe(
                v -> patchMe(Map.of("current_password", TestServer.PASSWORD), "new_password", v), letters));
        probes.put("POST /send content", new Probe(v -> send("content", v), letters));
        probes.put("POST /send client_message_id", new Probe(v -> send("client_message_id", v), letters));
        probes.put("POST /send Idempotency-Key", new Probe(v -> api.request("POST", "/send").bearer(caller.token())
                .header("Idempotency-Key", (String) v)
                .json(TestServer.json(Map.of("recipient_id", caller.id(), "content", "hi"))).send(), letters));
        probes.put("POST /send recipient_id", new Probe(v -> send("recipient_id", v), null));
        probes.put("POST /send reply_to_message_id", new Probe(v -> send("reply_to_message_id", v), null,
                "reply_to_message_id must be a message of this conversation"));
        probes.put("PATCH /messages/{message_id} message_id", new Probe(v -> api.request("PATCH", "/messages/" + v)
                .bearer(stranger.token()).json(TestServer.json(Map.of("content", "hi"))).send(), null));
        probes.put("PATCH /messages/{message_id} content", new Probe(v -> api.request("PATCH", "/messages/" + ownMessage)
                .bearer(caller.token()).json(TestServer.json(Map.of("content", v))).send(), letters));
        probes.put("GET /messages/{message_id}/edits message_id",
                new Probe(v -> api.get("/messages/" + v + "/edits", stranger.token()), null));
        probes.put("DELETE /messages/{message_id} message_id",
                new Probe(v -> api.request("DELETE", "/messages/" + v).bearer(stranger.token()).send(), null));
        probes.put("DELETE /messages/{message_id} for", new Probe(v -> api.request("DELETE", "/messages/" + ownMessage
                + "?for=" + TestServer.encode((String) v)).bearer(stranger.token()).send(), null));
        for (String method : List.of("PUT", "DELETE")) {
            probes.put(method + " /messages/{message_id}/reactions/{emoji} message_id", new Probe(v -> api.request(method,
                    "/messages/" + v + "/reactions/" + TestServer.encode("👍")).bearer(stranger.token()).send(), null));
        }
        probes.put("GET /messages with_user_id", new Probe(v -> api.get("/messages?with_user_id=" + v, caller.token()), null));
        for (String name : List.of("limit", "offset", "before_id")) {
            probes.put("GET /messages " + name, new Probe(v -> api.get("/messages?with_user_id=" + caller.id() + "&"
                    + name + "=" + v, caller.token()), null));
        }
        probes.put("POST /messages/{message_id}/read message_id",
                new Probe(v -> api.post("/messages/" + v + "/read", "", caller.token()), null));
        probes.put("GET /conversations limit", new Probe(v -> api.get("/conversations?limit=" + v, caller.token()), null));
        probes.put("POST /conversations/{user_id}/read user_id",
                new Probe(v -> api.post("/conversations/" + v + "/read", "", caller.token()), null));
        probes.put("POST /conversations/{user_id}/read up_to_message_id", new Probe(v -> api.post(
                "/conversations/" + caller.id() + "/read", TestServer.json(Map.of("up_to_message_id", v)),
                caller.token()), null));
        probes.put("GET /users/search query", new Probe(v -> api.get("/users/search?query="
                + TestServer.encode((String) v), caller.token()), letters));
        probes.put("GET /users/search limit", new Probe(v -> api.get("/users/search?query=a&limit=" + v, caller.token()),
                null));
        probes.put("GET /users/online limit", new Probe(v -> api.get("/users/online?limit=" + v, caller.token()), null));
        probes.put("GET /users/{user_id} user_id", new Probe(v -> api.get("/users/" + v, caller.token()), null));
        // issue 12: an unknown refresh token is a 401 (accepted by the input), a session of another user a 404
        probes.put("POST /token/refresh refresh_token", new Probe(v -> api.request("POST", "/token/refresh")
                .json(TestServer.json(Map.of("refresh_token", v))).send(), letters));
        probes.put("DELETE /sessions/{session_id} session_id",
                new Probe(v -> api.request("DELETE", "/sessions/" + v).bearer(stranger.token()).send(), null));
        probes.put("PUT /users/{user_id}/block user_id", new Probe(v -> api.request("PUT", "/users/" + v + "/block")
                .bearer(stranger.token()).send(), null, "You cannot block yourself"));
        probes.put("DELETE /users/{user_id}/block user_id", new Probe(v -> api.request("DELETE", "/users/" + v + "/block")
                .bearer(stranger.token()).send(), null, "You cannot unblock yourself"));
        probes.put("DELETE /users/me password", new Probe(v -> api.request("DELETE", "/users/me")
                .bearer(api.signUp("deleting").token()).json(TestServer.json(Map.of("password", v))).send(), letters));
    }

    @AfterAll
    void stop() {
        api.close();
    }

    /** Every input of the document whose schema states a bound, pattern or list of values. */
    Stream<Constrained> constrainedInputs() {
        if (doc == null) {
            setUp();
        }
        List<Constrained> found = new ArrayList<>();
        doc.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String name = operation.getKey().toUpperCase() + " " + path.getKey();
            operation.getValue().path("parameters").forEach(parameter -> {
                String loc = parameter.get("in").asText();
                String input = parameter.get("name").asText();
                found.add(new Constrained(name + " " + input,
                        List.of(loc, loc.equals("header") ? input.toLowerCase() : input), parameter.get("schema")));
            });
            operation.getValue().at("/requestBody/content").forEach(media -> media.at("/schema/properties").properties()
                    .forEach(field -> found.add(new Constrained(name + " " + field.getKey(),
                            List.of("body", field.getKey()), field.getValue()))));
        }));
        return found.stream().filter(input -> Stream.of("minimum", "maximum", "minLength", "maxLength", "pattern", "enum")
                .anyMatch(input.schema()::has));
    }

    @Test
    @DisplayName("every constrained input of the document is probed here, and nothing else is")
    void everyConstraintIsProbed() {
        Set<String> constrained = new TreeSet<>(constrainedInputs().map(Constrained::key).toList());

        assertThat(constrained).isEqualTo(new TreeSet<>(probes.keySet()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("constrainedInputs")
    @DisplayName("the value at each bound is accepted, one past it refused with a 422 naming the input")
    void boundsMatchTheValidators(Constrained input) {
        Probe probe = probes.get(input.key());
        assertThat(probe).as("a probe for " + input.key()).isNotNull();
        JsonNode schema = input.schema();
        if (schema.has("enum")) {
            List<String> values = new ArrayList<>();
            schema.get("enum").forEach(value -> values.add(value.asText()));
            for (String value : values) {
                assertAccepted(input, probe, probe.send().apply(value), "listed value " + value);
            }
            assertRefused(input, probe.send().apply("not-" + values.get(0)), "a value not listed");
            assertRefused(input, probe.send().apply(values.get(0).toUpperCase()), "a listed value in capitals");
        }
        if (schema.has("maxLength")) {
            int max = schema.get("maxLength").asInt();
            assertAccepted(input, probe, probe.send().apply(probe.valid().apply(max)), "at maxLength " + max);
            assertRefused(input, probe.send().apply(probe.valid().apply(max + 1)), "one past maxLength " + max);
        }
        if (schema.has("minLength")) {
            int min = schema.get("minLength").asInt();
            assertAccepted(input, probe, probe.send().apply(probe.valid().apply(min)), "at minLength " + min);
            assertRefused(input, probe.send().apply(min == 0 ? "" : probe.valid().apply(min - 1)),
                    "one below minLength " + min);
        }
        if (schema.has("maximum")) {
            long max = schema.get("maximum").asLong();
            assertAccepted(input, probe, probe.send().apply(max), "at maximum " + max);
            assertRefused(input, probe.send().apply(max + 1), "one past maximum " + max);
        }
        if (schema.has("minimum")) {
            long min = schema.get("minimum").asLong();
            assertAccepted(input, probe, probe.send().apply(min), "at minimum " + min);
            assertRefused(input, probe.send().apply(min - 1), "one below minimum " + min);
        }
    }

    @Test
    @DisplayName("a username that breaks the pattern is refused, and the pattern reads the same in Java as the validator's")
    void usernamePattern() {
        JsonNode schema = doc.at("/paths/~1register/post/requestBody/content/application~1json/schema/properties/username");
        Pattern pattern = Pattern.compile(schema.get("pattern").asText());
        Probe probe = probes.get("POST /register username");
        Constrained input = new Constrained("POST /register username", List.of("body", "username"), schema);

        for (String bad : List.of("has space", "dash-ed", "émile", "dot.ted", "bob%")) {
            assertThat(pattern.matcher(bad).find()).as(bad).isFalse();
            assertRefused(input, probe.send().apply(bad), bad);
        }
        for (String good : List.of("Alice_99", "___", letters(50))) {
            assertThat(pattern.matcher(good).find()).as(good).isTrue();
            assertAccepted(input, probe.send().apply(good + (good.length() < 48 ? "_" + letters(1) : "")), good);
        }
    }

    @Test
    @DisplayName("every time zone accepted has the shape the document states; offsets, which lack it, are refused")
    void timeZones() {
        JsonNode schema = doc.at("/paths/~1users~1me/patch/requestBody/content/application~1json/schema/properties/timezone");
        Pattern pattern = Pattern.compile(schema.get("pattern").asText());
        Probe probe = probes.get("PATCH /users/me timezone");
        Constrained input = new Constrained("PATCH /users/me timezone", List.of("body", "timezone"), schema);

        assertThat(TimeZoneName.NAMES).as("the document never refuses a zone the server takes")
                .allMatch(zone -> pattern.matcher(zone).find());
        for (String zone : List.of(TimeZoneName.NAMES.first(), "Europe/Berlin", "UTC", TimeZoneName.NAMES.last())) {
            assertAccepted(input, probe.send().apply(zone), zone);
        }
        assertAccepted(input, probe.send().apply(null), "null, which clears it");
        for (String offset : List.of("+05:00", "-0800", "GMT 3", "5")) {
            assertThat(pattern.matcher(offset).find()).as(offset).isFalse();
            assertRefused(input, probe.send().apply(offset), offset);
        }
        // the pattern is looser than the list of names (the description says which names count)
        for (String unknown : List.of("Mars/Olympus", "UTC+3")) {
            assertThat(pattern.matcher(unknown).find()).as(unknown).isTrue();
            assertRefused(input, probe.send().apply(unknown), unknown);
        }
    }

    @Test
    @DisplayName("email and avatar_url name their formats")
    void formats() {
        String body = "/requestBody/content/application~1json/schema/properties/";
        assertThat(doc.at("/paths/~1register/post" + body + "email/format").asText()).isEqualTo("email");
        assertThat(doc.at("/paths/~1users~1me/patch" + body + "avatar_url/format").asText()).isEqualTo("uri");
    }

    private static void assertAccepted(Constrained input, Reply reply, String what) {
        assertThat(reply.status()).as("%s %s: %s", input, what, brief(reply)).isNotEqualTo(422).isLessThan(500);
    }

    /** Accepted by the input; for a probe with a use case's own 422, that 422 counts as accepted too. */
    private static void assertAccepted(Constrained input, Probe probe, Reply reply, String what) {
        if (probe.useCaseRefusal() != null && reply.status() == 422) {
            assertThat(reply.json().at("/detail/0/msg").asText()).as("%s %s: %s", input, what, brief(reply))
                    .isEqualTo(probe.useCaseRefusal());
            assertThat(reply.json().get("detail")).hasSize(1);
            return;
        }
        assertAccepted(input, reply, what);
    }

    private static void assertRefused(Constrained input, Reply reply, String what) {
        assertThat(reply.status()).as("%s %s: %s", input, what, brief(reply)).isEqualTo(422);
        List<List<String>> locs = new ArrayList<>();
        reply.json().get("detail").forEach(error -> {
            List<String> loc = new ArrayList<>();
            error.get("loc").forEach(part -> loc.add(part.asText()));
            locs.add(loc);
        });
        assertThat(locs).as("%s %s: %s", input, what, brief(reply)).containsExactly(input.loc());
    }

    /** The reply without the long values these probes send. */
    private static String brief(Reply reply) {
        String text = reply.toString();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private Reply register(String field, Object value) {
        String name = "u" + letters(12);
        Map<String, Object> body = new HashMap<>(Map.of("username", name, "email", name + "@example.com",
                "password", TestServer.PASSWORD));
        body.put(field, value);
        return api.request("POST", "/register").json(TestServer.json(body)).send();
    }

    /** A new user each time: a password change must not disturb the next probe. */
    private Reply patchMe(Map<String, Object> others, String field, Object value) {
        Session user = api.signUp("patched");
        Map<String, Object> body = new HashMap<>(others);
        body.put(field, value);
        return api.request("PATCH", "/users/me").bearer(user.token()).json(TestServer.json(body)).send();
    }

    private Reply send(String field, Object value) {
        Map<String, Object> body = new TreeMap<>(Map.of("recipient_id", caller.id(), "content", "hi"));
        body.put(field, value);
        return api.post("/send", TestServer.json(body), caller.token());
    }

    /** {@code n} random lower-case letters: a valid username, password, content, key, name or query. */
    static String letters(int n) {
        StringBuilder text = new StringBuilder(n);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < n; i++) {
            text.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return text.toString();
    }

    /** A time zone of {@code n} characters; past the longest name, the longest with letters added. */
    static String timeZoneOfLength(int n) {
        return TimeZoneName.NAMES.stream().filter(zone -> zone.length() == n).findFirst()
                .orElseGet(() -> {
                    String longest = TimeZoneName.NAMES.stream().filter(zone -> zone.length() == TimeZoneName.MAX_LENGTH)
                            .findFirst().orElseThrow();
                    return longest + "x".repeat(Math.max(0, n - longest.length()));
                });
    }

    /** A valid, unused address of exactly {@code n} characters: labels of at most 63 letters under .com. */
    static String emailOfLength(int n) {
        String local = letters(10);
        StringBuilder domain = new StringBuilder();
        int remaining = n - local.length() - 1 - ".com".length();
        while (remaining > 0) {
            if (!domain.isEmpty()) {
                domain.append('.');
                remaining--;
            }
            // leave at least 2 characters for the next label, never a label of 1 followed by nothing
            int label = Math.min(63, remaining > 64 ? Math.min(63, remaining - 2) : remaining);
            domain.append(letters(label));
            remaining -= label;
        }
        String email = local + "@" + domain + ".com";
        if (email.length() != n) {
            throw new IllegalArgumentException("cannot build an email of " + n + " characters: " + email);
        }
        return email;
    }
}
