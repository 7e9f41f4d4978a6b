package io.chatplatform.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("PostgresSettings")
class PostgresSettingsTest {

    private static PostgresSettings valid() {
        return new PostgresSettings("jdbc:postgresql://db:5432/chat", "chat", "pw", Optional.empty(), 10, Duration.ofSeconds(3));
    }

    @Nested
    @DisplayName("from a database URL")
    class FromUrl {

        @Test
        @DisplayName("reads user, password, host, port and database from postgresql://, with the defaults")
        void postgresql_scheme() {
            PostgresSettings settings = PostgresSettings.fromUrl("postgresql://chat:secret@db.example.com:6432/chatdb");

            assertThat(settings).isEqualTo(new PostgresSettings("jdbc:postgresql://db.example.com:6432/chatdb", "chat", "secret",
                    Optional.empty(), PostgresSettings.DEFAULT_MAX_POOL_SIZE, PostgresSettings.DEFAULT_CONNECTION_TIMEOUT));
            assertThat(settings.connectionTimeout()).isEqualTo(Duration.ofSeconds(3));
        }

        @Test
        @DisplayName("accepts postgres:// too, without a port")
        void postgres_scheme() {
            PostgresSettings settings = PostgresSettings.fromUrl("postgres://chat:secret@localhost/chat");

            assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/chat");
            assertThat(settings.user()).isEqualTo("chat");
        }

        @Test
        @DisplayName("percent-decodes user and password, where + is a plus sign")
        void decoding() {
            PostgresSettings settings = PostgresSettings.fromUrl("postgresql://us%40er:p%3Ass%2Fw+rd%25@db/chat");

            assertThat(settings.user()).isEqualTo("us@er");
            assertThat(settings.password()).isEqualTo("p:ss/w+rd%");
        }

        @Test
        @DisplayName("passes query parameters such as sslmode to the driver, but moves credentials out of the URL")
        void query_parameters() {
            PostgresSettings settings = PostgresSettings.fromUrl(
                    "postgresql://db:5432/chat?sslmode=require&user=chat&password=s%26cret&ApplicationName=chat");

            assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/chat?sslmode=require&ApplicationName=chat");
            assertThat(settings.user()).isEqualTo("chat");
            assertThat(settings.password()).isEqualTo("s&cret");
        }

        @Test
        @DisplayName("without a password, logs in without one")
        void no_password() {
            PostgresSettings settings = PostgresSettings.fromUrl("postgresql://postgres@127.0.0.1:5432/test");

            assertThat(settings.user()).isEqualTo("postgres");
            assertThat(settings.password()).isEmpty();
        }

        @Test
        @DisplayName("without a user, logs in as the operating-system user, as psql does")
        void no_user() {
            assertThat(PostgresSettings.fromUrl("postgresql://db/chat").user()).isEqualTo(System.getProperty("user.name"));
        }

        @Test
        @DisplayName("takes a jdbc:postgresql: URL as it is, with user and password from its query")
        void jdbc_url() {
            PostgresSettings settings = PostgresSettings.fromUrl(
                    "jdbc:postgresql://db.internal:6543/chat?user=postgres&password=pw&sslmode=disable");

            assertThat(settings.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/chat?sslmode=disable");
            assertThat(settings.user()).isEqualTo("postgres");
            assertThat(settings.password()).isEqualTo("pw");
        }

        @Test
        @DisplayName("takes IPv6 hosts")
        void ipv6() {
            assertThat(PostgresSettings.fromUrl("postgresql://u@[::1]:5432/chat").jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5432/chat");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "mysql://root:hunter2@db/chat",
                "db.example.com:5432/chat",
                "postgresql://user:hunter2@/chat",
                "postgresql://user:hun ter2@db/chat",
                "postgresql://user:hunter2@db/chat/extra",
                "postgresql://user:hunter2%zz@db/chat",
                ""})
        @DisplayName("refuses anything else, saying what was expected and never repeating the password")
        void bad_urls(String url) {
            assertThatThrownBy(() -> PostgresSettings.fromUrl(url))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must look like postgresql://user:password@host:port/database")
                    .hasMessageNotContaining("hunter2")
                    .hasMessageNotContaining("hun ter2");
        }
    }

    @Nested
    @DisplayName("validation")
    class Validation {

        @Test
        @DisplayName("refuses a pool of fewer than one connection")
        void pool_size() {
            assertThatThrownBy(() -> valid().withMaxPoolSize(0)).hasMessage("maxPoolSize cannot be less than 1");
        }

        @Test
        @DisplayName("refuses a connection timeout below 250 ms, as HikariCP does")
        void timeout() {
            assertThatThrownBy(() -> valid().withConnectionTimeout(Duration.ofMillis(249)))
                    .hasMessage("connectionTimeout cannot be less than 250 ms, was PT0.249S");
        }

        @Test
        @DisplayName("takes a schema only as a plain lower-case identifier")
        void schema() {
            assertThat(valid().withSchema("chat_1").schema()).contains("chat_1");
            assertThatThrownBy(() -> valid().withSchema("Chat; DROP SCHEMA public"))
                    .hasMessageStartingWith("schema must be a lower-case SQL identifier");
            assertThatThrownBy(() -> valid().withSchema("1chat")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        @DisplayName("refuses a URL that is not jdbc:postgresql:, or that carries credentials, without echoing the password")
        void jdbc_url() {
            assertThatThrownBy(() -> new PostgresSettings("jdbc:mysql://db/chat", "u", "", Optional.empty(), 1, Duration.ofSeconds(1)))
                    .hasMessage("jdbcUrl must start with jdbc:postgresql:, was 'jdbc:mysql://db/chat'");
            assertThatThrownBy(() -> new PostgresSettings("jdbc:postgresql://db/chat?password=hunter2", "u", "", Optional.empty(), 1,
                    Duration.ofSeconds(1)))
                    .hasMessageContaining("must not carry user or password")
                    .hasMessageNotContaining("hunter2");
        }

        @Test
        @DisplayName("refuses a blank user")
        void blank_user() {
            assertThatThrownBy(() -> new PostgresSettings("jdbc:postgresql://db/chat", " ", "", Optional.empty(), 1, Duration.ofSeconds(1)))
                    .hasMessage("user cannot be blank");
        }
    }

    @Test
    @DisplayName("never prints the password")
    void to_string() {
        assertThat(valid().toString()).doesNotContain("pw,").contains("password=***").contains("jdbc:postgresql://db:5432/chat");
    }

    @Test
    @DisplayName("with... methods change one setting and keep the rest")
    void withers() {
        PostgresSettings changed = valid().withSchema("s").withMaxPoolSize(3);

        assertThat(changed).isEqualTo(new PostgresSettings("jdbc:postgresql://db:5432/chat", "chat", "pw", Optional.of("s"), 3,
                Duration.ofSeconds(3)));
    }
}
