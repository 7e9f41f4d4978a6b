package io.chatplatform.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatplatform.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole service as deployed: real PostgreSQL (a fresh schema), real adapters, real bcrypt and
 * JWT, a real HTTP client. Walks every route of the replaced service's table.
 */
class ChatServerEndToEndTest {

    private static final String SECRET = "end-to-end-test-secret-of-enough-length-0123456789";
    private static final String TRICKY = "héllo 😀 'quotes' \"dq\" <script>alert(1)</script> ; DROP TABLE users; -- \\ %_";

    @TempDir
    static Path dataDir;
    private static TestPostgres.Schema schema;
    private static ChatServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        schema = TestPostgres.freshSchema("chat_e2e");
        Map<String, String> env = new HashMap<>(Map.of(
                "CHAT_HTTP_HOST", "127.0.0.1", "CHAT_HTTP_PORT", "0", "CHAT_BCRYPT_COST", "4",
                "CHAT_JWT_SECRET", SECRET, "CHAT_DATA_DIR", dataDir.toString(),
                "CHAT_DATABASE_URL", schema.url(), "CHAT_DATABASE_SCHEMA", schema.name()));
        server = ChatServer.start(ChatConfig.fromEnvironment(env));
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        schema.close();
    }

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @DisplayName("health, root and the API documents answer")
    void operational_routes() {
        var health = http.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("healthy");
        assertThat(health.json().get("database").asText()).isEqualTo("connected");
        assertThat(health.json().get("cache").asText()).isEqualTo("connected");
        assertThat(health.json().get("database_workers").isNull()).as("plain PostgreSQL has no workers").isTrue();
        assertThat(http.get("/", null).json().get("docs").asText()).isEqualTo("/docs");
        assertThat(http.get("/openapi.json", null).json().get("paths").has("/send")).isTrue();
        assertThat(http.get("/docs", null).status()).isEqualTo(200);
        assertThat(http.get("/nope", null).status()).isEqualTo(404);
    }

    @Test
    @DisplayName("register, log in, send, read, list, count and mark read, against PostgreSQL")
    void the_replaced_services_routes() {
        String aliceName = unique("alice");
        var registered = http.postJson("/register", null, Map.of("username", aliceName,
                "email", aliceName + "@Example.com", "password", "password123"));
        assertThat(registered.status()).isEqualTo(200);
        assertThat(registered.json().get("username").asText()).isEqualTo(aliceName);
        assertThat(http.postJson("/register", null, Map.of("username", aliceName.toUpperCase(),
                "email", "other-" + aliceName + "@example.com", "password", "password123")).json().get("detail").asText())
                .isEqualTo("Username or email already registered");
        assertThat(http.postJson("/register", null, Map.of("username", "x", "email", "bad", "password", "short"))
                .status()).isEqualTo(422);

        var login = http.postForm("/login", Map.of("username", aliceName, "password", "password123"));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("token_type").asText()).isEqualTo("bearer");
        String alice = login.json().get("access_token").asText();
        long aliceId = registered.json().get("id").asLong();
        assertThat(http.postForm("/login", Map.of("username", aliceName, "password", "wrong-password")).json()
                .get("detail").asText()).isEqualTo("Incorrect username or password");

        Http.Account bob = http.account(unique("bob"));
        var sent = http.postJson("/send", alice, Map.of("recipient_id", bob.id(), "content", TRICKY));
        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.json().get("content").asText()).isEqualTo(TRICKY);
        assertThat(sent.json().get("sender_id").asLong()).isEqualTo(aliceId);
        assertThat(sent.json().get("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        long messageId = sent.json().get("id").asLong();
        assertThat(http.postJson("/send", alice, Map.of("recipient_id", 9_000_000_000L, "content", "anyone?")).json()
                .get("detail").asText()).isEqualTo("Recipient not found");

        assertThat(http.get("/unread-count", bob.token()).json().get("unread_count").asLong()).isEqualTo(1);
        JsonNode conversations = http.get("/conversations", bob.token()).json();
        assertThat(conversations).hasSize(1);
        assertThat(conversations.get(0).get("user_id").asLong()).isEqualTo(aliceId);
        assertThat(conversations.get(0).get("username").asText()).isEqualTo(aliceName);
        assertThat(conversations.get(0).get("unread_count").asLong()).isEqualTo(1);

        JsonNode history = http.get("/messages?with_user_id=" + aliceId, bob.token()).json();
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("content").asText()).isEqualTo(TRICKY);
        assertThat(http.get("/messages?with_user_id=" + aliceId + "&token=" + bob.token(), null).json()).hasSize(1);

        assertThat(http.postJson("/messages/" + messageId + "/read", alice, "").status()).isEqualTo(404);
        Http.Account eve = http.account(unique("eve"));
        assertThat(http.postJson("/messages/" + messageId + "/read", eve.token(), "").status()).isEqualTo(404);
        assertThat(http.get("/messages?with_user_id=" + aliceId, eve.token()).json()).isEmpty();
        var read = http.postJson("/messages/" + messageId + "/read", bob.token(), "");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("message").asText()).isEqualTo("Message marked as read");
        assertThat(http.get("/unread-count", bob.token()).json().get("unread_count").asLong()).isZero();

        http.postJson("/send", alice, Map.of("recipient_id", bob.id(), "content", "second"));
        var all = http.postJson("/conversations/" + aliceId + "/read", bob.token(), "");
        assertThat(all.json().get("unread_count").asLong()).isZero();
        assertThat(all.json().get("last_read_seq").asLong()).isEqualTo(2);
    }

    @Test
    @DisplayName("a retried send with the same client message id stores one message")
    void idempotent_send() {
        Http.Account alice = http.account(unique("alice"));
        Http.Account bob = http.account(unique("bob"));
        Map<String, Object> body = Map.of("recipient_id", bob.id(), "content", "once", "client_message_id", "k-1");
        long first = http.postJson("/send", alice.token(), body).json().get("id").asLong();
        long retry = http.postJson("/send", alice.token(), body).json().get("id").asLong();
        assertThat(retry).isEqualTo(first);
        assertThat(http.get("/messages?with_user_id=" + alice.id(), bob.token()).json()).hasSize(1);
    }

    @Test
    @DisplayName("profiles, search and the online list")
    void profiles_and_directory() {
        String name = unique("zoe");
        Http.Account zoe = http.account(name);
        Http.Account viewer = http.account(unique("viewer"));
        var patched = http.patchJson("/users/me", zoe.token(), Map.of("display_name", "Zoë Z", "timezone", "Europe/Paris"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("display_name").asText()).isEqualTo("Zoë Z");
        assertThat(http.get("/users/me", zoe.token()).json().get("timezone").asText()).isEqualTo("Europe/Paris");

        JsonNode profile = http.get("/users/" + zoe.id(), viewer.token()).json();
        assertThat(profile.get("username").asText()).isEqualTo(name);
        assertThat(profile.has("email")).isFalse();
        assertThat(http.get("/users/9000000000", viewer.token()).status()).isEqualTo(404);

        JsonNode found = http.get("/users/search?query=" + name, viewer.token()).json();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("is_online").asBoolean()).isTrue();
        assertThat(http.get("/users/search?query=%25", viewer.token()).json()).isEmpty();

        JsonNode online = http.get("/users/online", viewer.token()).json();
        assertThat(online.findValuesAsText("username")).contains(name);

        var changed = http.patchJson("/users/me", zoe.token(), Map.of("current_password", "password123",
                "new_password", "a-new-password"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(http.postForm("/login", Map.of("username", name, "password", "a-new-password")).status()).isEqualTo(200);
    }

    @Test
    @DisplayName("requests without a valid token are refused with 401 and WWW-Authenticate")
    void authentication() {
        var missing = http.get("/conversations", null);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(http.get("/conversations", "forged.token.value").json().get("detail").asText())
                .isEqualTo("Could not validate credentials");
    }
}
