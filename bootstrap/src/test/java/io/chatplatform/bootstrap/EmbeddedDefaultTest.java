package io.chatplatform.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zero-install default: embedded PostgreSQL and a generated secret, kept across restarts. */
class EmbeddedDefaultTest {

    @Test
    @DisplayName("with no database configured the service runs its own PostgreSQL and keeps data and tokens across a restart")
    void survives_a_restart(@TempDir Path dataDir) {
        Map<String, String> env = Map.of("CHAT_DATA_DIR", dataDir.toString(), "CHAT_HTTP_HOST", "127.0.0.1",
                "CHAT_HTTP_PORT", "0", "CHAT_BCRYPT_COST", "4");
        Http.Account alice;
        try (ChatServer server = ChatServer.start(ChatConfig.fromEnvironment(env))) {
            Http http = new Http(server.port());
            assertThat(http.get("/health", null).status()).isEqualTo(200);
            alice = http.account("alice");
            Http.Account bob = http.account("bob");
            assertThat(http.postJson("/send", alice.token(), Map.of("recipient_id", bob.id(), "content", "before restart"))
                    .status()).isEqualTo(200);
        }
        assertThat(dataDir.resolve("postgres")).isDirectory();
        assertThat(Files.exists(dataDir.resolve("jwt-secret"))).isTrue();

        try (ChatServer server = ChatServer.start(ChatConfig.fromEnvironment(env))) {
            Http http = new Http(server.port());
            var me = http.get("/users/me", alice.token());
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.json().get("username").asText()).isEqualTo("alice");
            assertThat(http.get("/conversations", alice.token()).json().get(0).get("username").asText()).isEqualTo("bob");
        }
    }
}
