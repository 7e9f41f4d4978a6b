package io.chatplatform.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("RedisSettings")
class RedisSettingsTest {

    private static final Duration CONNECT = Duration.ofMillis(200);
    private static final Duration SOCKET = Duration.ofMillis(250);

    private static RedisSettings valid() {
        return new RedisSettings("cache", 6379, 0, Optional.empty(), Optional.empty(), false, CONNECT, SOCKET, 128, "chat:");
    }

    @Nested
    @DisplayName("from a Redis URL")
    class FromUrl {

        @Test
        @DisplayName("needs only a host: port 6379, database 0, no credentials, no TLS, the default timeouts, pool and prefix")
        void defaults() {
            assertThat(RedisSettings.fromUrl("redis://cache")).isEqualTo(valid());
            assertThat(valid().connectTimeout()).isEqualTo(RedisSettings.DEFAULT_CONNECT_TIMEOUT);
            assertThat(valid().socketTimeout()).isEqualTo(RedisSettings.DEFAULT_SOCKET_TIMEOUT);
            assertThat(RedisSettings.DEFAULT_MAX_CONNECTIONS).isEqualTo(128);
            assertThat(RedisSettings.DEFAULT_KEY_PREFIX).isEqualTo("chat:");
        }

        @Test
        @DisplayName("reads user, password, host, port and database")
        void everything() {
            RedisSettings settings = RedisSettings.fromUrl("redis://alice:s3cret@cache.example.com:6380/2");

            assertThat(settings).isEqualTo(new RedisSettings("cache.example.com", 6380, 2, Optional.of("alice"),
                    Optional.of("s3cret"), false, CONNECT, SOCKET, 128, "chat:"));
        }

        @Test
        @DisplayName("takes a password alone, for the default user")
        void password_alone() {
            RedisSettings settings = RedisSettings.fromUrl("redis://:s3cret@cache:6379/0");

            assertThat(settings.user()).isEmpty();
            assertThat(settings.password()).contains("s3cret");
        }

        @Test
        @DisplayName("percent-decodes user and password, where + is a plus sign")
        void decoding() {
            RedisSettings settings = RedisSettings.fromUrl("redis://us%40er:p%40ss%3Aw%2Frd+%25@cache");

            assertThat(settings.user()).contains("us@er");
            assertThat(settings.password()).contains("p@ss:w/rd+%");
        }

        @Test
        @DisplayName("connects over TLS with rediss://")
        void tls() {
            assertThat(RedisSettings.fromUrl("rediss://:pw@cache.example.com:6380").tls()).isTrue();
            assertThat(RedisSettings.fromUrl("redis://cache").tls()).isFalse();
        }

        @Test
        @DisplayName("takes an IPv6 address in brackets, and a trailing slash for database 0")
        void ipv6_and_trailing_slash() {
            RedisSettings settings = RedisSettings.fromUrl(" redis://[::1]:6390/ ");

            assertThat(settings.host()).isEqualTo("::1");
            assertThat(settings.port()).isEqualTo(6390);
            assertThat(settings.database()).isZero();
            assertThat(settings.address()).isEqualTo("[::1]:6390/0");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "http://:hunter2@cache:6379          | it does not start with redis:// or rediss://",
                "cache:6379                          | it does not start with redis:// or rediss://",
                "redis://:hunter2@                   | it has no valid host[:port]",
                "redis://:hunter2@cache:port         | it has no valid host[:port]",
                "redis://:hunter2@cache/zero         | its path must be a database number such as /0",
                "redis://:hunter2@cache/0/1          | its path must be a database number such as /0",
                "redis://:hunter2@cache/0?timeout=5  | it has a query or fragment, which is not supported",
                "redis://hunter2@cache               | its user info has no ':'",
                "redis://alice:@cache                | it names a user without a password",
                "redis://:hunter2%zz@cache           | it is not a valid URL",
                "redis://:hun ter2@cache             | it is not a valid URL"})
        @DisplayName("refuses a malformed URL, saying what was expected and never showing the password")
        void malformed(String url, String problem) {
            assertThatThrownBy(() -> RedisSettings.fromUrl(url))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("Redis URL must look like redis://[[user]:password@]host[:port][/database] "
                            + "(or rediss://... for TLS); " + problem)
                    .hasMessageNotContaining("hunter2")
                    .hasMessageNotContaining("hun ter2");
        }

        @Test
        @DisplayName("shows the user but hides the password of a refused URL")
        void redacted_message() {
            assertThatThrownBy(() -> RedisSettings.fromUrl("redis://alice:p@ss/w@cache/x"))
                    .hasMessageEndingWith(": 'redis://alice:***@cache/x'");
        }

        @Test
        @DisplayName("refuses a port out of range with the constructor's message")
        void port_out_of_range() {
            assertThatThrownBy(() -> RedisSettings.fromUrl("redis://cache:70000"))
                    .hasMessage("port must be between 1 and 65535, was 70000");
        }
    }

    @Test
    @DisplayName("never shows the password in toString")
    void to_string_hides_the_password() {
        RedisSettings settings = RedisSettings.fromUrl("rediss://alice:hunter2@cache:6380/3");

        assertThat(settings.toString())
                .doesNotContain("hunter2")
                .isEqualTo("RedisSettings[rediss://cache:6380/3, user=alice, password=***, connectTimeout=200 ms, "
                        + "socketTimeout=250 ms, maxConnections=128, keyPrefix=chat:]");
        assertThat(valid().toString()).contains("user=(default), password=(none)");
    }

    @Test
    @DisplayName("copies with another key prefix, timeouts or pool size, keeping everything else")
    void withers() {
        RedisSettings settings = RedisSettings.fromUrl("redis://:pw@cache:6380/1");

        RedisSettings changed = settings.withKeyPrefix("staging:").withTimeouts(Duration.ofMillis(50), Duration.ofSeconds(1))
                .withMaxConnections(4);

        assertThat(changed).isEqualTo(new RedisSettings("cache", 6380, 1, Optional.empty(), Optional.of("pw"), false,
                Duration.ofMillis(50), Duration.ofSeconds(1), 4, "staging:"));
        assertThatThrownBy(() -> settings.withKeyPrefix("{x}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Nested
    @DisplayName("validation")
    class Validation {

        private RedisSettings with(String host, int port, int database, Optional<String> user, Optional<String> password,
                                   Duration connect, Duration socket, int maxConnections, String prefix) {
            return new RedisSettings(host, port, database, user, password, false, connect, socket, maxConnections, prefix);
        }

        @Test
        @DisplayName("refuses each bad field with a message naming it")
        void messages() {
            Optional<String> none = Optional.empty();
            assertThatThrownBy(() -> with(" ", 6379, 0, none, none, CONNECT, SOCKET, 16, "chat:"))
                    .hasMessage("host cannot be blank or have surrounding spaces, was ' '");
            assertThatThrownBy(() -> with("cache", 0, 0, none, none, CONNECT, SOCKET, 16, "chat:"))
                    .hasMessage("port must be between 1 and 65535, was 0");
            assertThatThrownBy(() -> with("cache", 6379, -1, none, none, CONNECT, SOCKET, 16, "chat:"))
                    .hasMessage("database cannot be negative, was -1");
            assertThatThrownBy(() -> with("cache", 6379, 0, Optional.of(""), Optional.of("pw"), CONNECT, SOCKET, 16, "chat:"))
                    .hasMessage("user cannot be empty (leave it out for the default user)");
            assertThatThrownBy(() -> with("cache", 6379, 0, none, Optional.of(""), CONNECT, SOCKET, 16, "chat:"))
                    .hasMessage("password cannot be empty (leave it out when the server asks for none)");
            assertThatThrownBy(() -> with("cache", 6379, 0, Optional.of("alice"), none, CONNECT, SOCKET, 16, "chat:"))
                    .hasMessage("user 'alice' needs a password: Redis logs a user in with AUTH user password");
            assertThatThrownBy(() -> with("cache", 6379, 0, none, none, Duration.ZERO, SOCKET, 16, "chat:"))
                    .hasMessage("connectTimeout must be at least 1 ms, was PT0S");
            assertThatThrownBy(() -> with("cache", 6379, 0, none, none, CONNECT, Duration.ofNanos(999_999), 16, "chat:"))
                    .hasMessage("socketTimeout must be at least 1 ms, was PT0.000999999S");
            assertThatThrownBy(() -> with("cache", 6379, 0, none, none, CONNECT, Duration.ofSeconds(61), 16, "chat:"))
                    .hasMessage("socketTimeout must be at most 60 s: a request must never wait long for the cache, was PT1M1S");
            assertThatThrownBy(() -> with("cache", 6379, 0, none, none, CONNECT, SOCKET, 0, "chat:"))
                    .hasMessage("maxConnections cannot be less than 1, was 0");
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", "chat{1}:", "chat }", "with space", "tab\t", "ünïcode"})
        @DisplayName("refuses a key prefix with braces, spaces or other characters that do not belong in a key")
        void key_prefix(String prefix) {
            assertThatThrownBy(() -> valid().withKeyPrefix(prefix))
                    .hasMessage("keyPrefix must be 1 to 64 characters among letters, digits and _ . : - (braces would "
                            + "change the keys' Redis Cluster slot), was '" + prefix + "'");
        }

        @Test
        @DisplayName("accepts the usual prefixes")
        void good_prefixes() {
            assertThat(valid().withKeyPrefix("chat:").keyPrefix()).isEqualTo("chat:");
            assertThat(valid().withKeyPrefix("prod.eu-1:chat_").keyPrefix()).isEqualTo("prod.eu-1:chat_");
        }
    }
}
