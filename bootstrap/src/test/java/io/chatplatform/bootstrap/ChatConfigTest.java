package io.chatplatform.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.cache.CacheType;
import io.chatplatform.domain.limit.Bandwidth;
import io.chatplatform.domain.limit.LimitedAction;
import io.chatplatform.domain.limit.MessageChangeLimits;
import io.chatplatform.domain.limit.RateLimits;
import io.chatplatform.domain.session.SessionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChatConfigTest {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    @DisplayName("with no variables set the service runs on its embedded defaults")
    void defaults() {
        ChatConfig config = ChatConfig.fromEnvironment(Map.of());
        assertThat(config.httpPort()).isEqualTo(8000);
        assertThat(config.httpHost()).isEqualTo("0.0.0.0");
        assertThat(config.embeddedDatabase()).isTrue();
        assertThat(config.databasePoolSize()).isEqualTo(10);
        assertThat(config.jwtSecret()).isEmpty();
        assertThat(config.tokenLifetime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.refreshLifetime()).isEqualTo(Duration.ofDays(30));
        assertThat(config.sessionPolicy()).isEqualTo(SessionPolicy.DEFAULT);
        assertThat(config.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
        assertThat(config.bcryptCost()).isEqualTo(12);
    }

    @Test
    @DisplayName("every variable is read, blank ones count as unset")
    void reads_every_variable() {
        ChatConfig config = ChatConfig.fromEnvironment(Map.ofEntries(
                Map.entry("CHAT_HTTP_PORT", "9000"), Map.entry("CHAT_HTTP_HOST", "127.0.0.1"),
                Map.entry("CHAT_DATABASE_URL", "postgresql://u:p@db:5432/chat"), Map.entry("CHAT_DATABASE_SCHEMA", "chat_app"),
                Map.entry("CHAT_DATABASE_POOL_SIZE", "20"), Map.entry("CHAT_REDIS_URL", "redis://cache:6379/0"),
                Map.entry("CHAT_JWT_SECRET", SECRET), Map.entry("CHAT_TOKEN_TTL_MINUTES", "5"),
                Map.entry("CHAT_REFRESH_TTL_DAYS", "7"), Map.entry("CHAT_DATA_DIR", "/tmp/chat-data"),
                Map.entry("CHAT_BCRYPT_COST", " 10 ")));
        assertThat(config.httpPort()).isEqualTo(9000);
        assertThat(config.httpHost()).isEqualTo("127.0.0.1");
        assertThat(config.databaseUrl()).contains("postgresql://u:p@db:5432/chat");
        assertThat(config.databaseSchema()).contains("chat_app");
        assertThat(config.databasePoolSize()).isEqualTo(20);
        assertThat(config.redisUrl()).contains("redis://cache:6379/0");
        assertThat(config.tokenLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.refreshLifetime()).isEqualTo(Duration.ofDays(7));
        assertThat(config.sessionPolicy()).isEqualTo(new SessionPolicy(Duration.ofMinutes(5), Duration.ofDays(7),
                SessionPolicy.DEFAULT.reuseGrace()));
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/chat-data"));
        assertThat(config.bcryptCost()).isEqualTo(10);
        assertThat(config.embeddedDatabase()).isFalse();
        assertThat(ChatConfig.fromEnvironment(Map.of("CHAT_HTTP_PORT", "  ")).httpPort()).isEqualTo(8000);
        assertThat(config.withHttpPort(0).httpPort()).isZero();
        assertThat(config.withHttpPort(0).sessionPolicy()).isEqualTo(config.sessionPolicy());
    }

    @Test
    @DisplayName("token lifetimes at their bounds make a session policy: the longest access token with a longer refresh token")
    void token_lifetime_bounds() {
        SessionPolicy longest = ChatConfig.fromEnvironment(Map.of("CHAT_TOKEN_TTL_MINUTES", "43200", "CHAT_REFRESH_TTL_DAYS", "365"))
                .sessionPolicy();
        assertThat(longest.accessTokenTtl()).isEqualTo(Duration.ofDays(30));
        assertThat(longest.refreshTokenTtl()).isEqualTo(Duration.ofDays(365));
        SessionPolicy shortest = ChatConfig.fromEnvironment(Map.of("CHAT_TOKEN_TTL_MINUTES", "1", "CHAT_REFRESH_TTL_DAYS", "1"))
                .sessionPolicy();
        assertThat(shortest.accessTokenTtl()).isEqualTo(Duration.ofMinutes(1));
        assertThat(shortest.refreshTokenTtl()).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_TOKEN_TTL_MINUTES", "43200")))
                .hasMessage("CHAT_REFRESH_TTL_DAYS (30 days) must be longer than CHAT_TOKEN_TTL_MINUTES (43200 minutes)");
    }

    @Test
    @DisplayName("a bad value stops the start with a message naming the variable and what it should be")
    void bad_values() {
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_HTTP_PORT", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessage("CHAT_HTTP_PORT must be a whole number, was 'eighty'");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_HTTP_PORT", "70000")))
                .hasMessage("CHAT_HTTP_PORT must be between 0 and 65535, was 70000");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_DATABASE_POOL_SIZE", "0")))
                .hasMessage("CHAT_DATABASE_POOL_SIZE must be between 1 and 500, was 0");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_DATABASE_SCHEMA", "Robert'); DROP")))
                .hasMessageStartingWith("CHAT_DATABASE_SCHEMA must be a lower-case SQL identifier");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_BCRYPT_COST", "3")))
                .hasMessage("CHAT_BCRYPT_COST must be between 4 and 31, was 3");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_TOKEN_TTL_MINUTES", "0")))
                .hasMessageStartingWith("CHAT_TOKEN_TTL_MINUTES must be between 1 and 43200");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_REFRESH_TTL_DAYS", "0")))
                .isInstanceOf(ConfigException.class).hasMessage("CHAT_REFRESH_TTL_DAYS must be between 1 and 365, was 0");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_REFRESH_TTL_DAYS", "366")))
                .hasMessage("CHAT_REFRESH_TTL_DAYS must be between 1 and 365, was 366");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_REFRESH_TTL_DAYS", "-1")))
                .hasMessage("CHAT_REFRESH_TTL_DAYS must be between 1 and 365, was -1");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_REFRESH_TTL_DAYS", "a month")))
                .hasMessage("CHAT_REFRESH_TTL_DAYS must be a whole number, was 'a month'");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_TOKEN_TTL_MINUTES", "1440", "CHAT_REFRESH_TTL_DAYS", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("CHAT_REFRESH_TTL_DAYS (1 days) must be longer than CHAT_TOKEN_TTL_MINUTES (1440 minutes)");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_DATA_DIR", "bad\u0000path")))
                .hasMessageStartingWith("CHAT_DATA_DIR must be a file system path");
    }

    @Test
    @DisplayName("the cache is Redis when a Redis URL is given, in-process otherwise, and can be switched off")
    void cache_mode() {
        assertThat(ChatConfig.fromEnvironment(Map.of()).effectiveCacheMode()).isEqualTo(CacheMode.IN_PROCESS);
        assertThat(ChatConfig.fromEnvironment(Map.of("CHAT_REDIS_URL", "redis://127.0.0.1:6379")).effectiveCacheMode())
                .isEqualTo(CacheMode.REDIS);
        assertThat(ChatConfig.fromEnvironment(Map.of("CHAT_REDIS_URL", "redis://r", "CHAT_CACHE", "Off")).effectiveCacheMode())
                .isEqualTo(CacheMode.OFF);
        assertThat(ChatConfig.fromEnvironment(Map.of("CHAT_CACHE", "in-process")).effectiveCacheMode())
                .isEqualTo(CacheMode.IN_PROCESS);
        assertThat(ChatConfig.fromEnvironment(Map.of()).redisKeyPrefix()).isEqualTo("chat:");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_CACHE", "memcached")))
                .hasMessage("CHAT_CACHE must be one of auto, redis, in-process, off; was 'memcached'");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_CACHE", "redis")))
                .hasMessageStartingWith("CHAT_CACHE=redis needs CHAT_REDIS_URL");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_CACHE_MAX_ENTRIES", "0")))
                .hasMessage("CHAT_CACHE_MAX_ENTRIES must be at least 1, was 0");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_LOG_FORMAT", "xml")))
                .hasMessage("CHAT_LOG_FORMAT must be json or console, was 'xml'");
    }

    @Test
    @DisplayName("cache lifetimes are overridden per type in seconds; a typo names the valid types")
    void cache_ttls() {
        ChatConfig config = ChatConfig.fromEnvironment(Map.of("CHAT_CACHE_TTLS", "profile=60, history=5"));
        assertThat(config.cacheTtls().of(CacheType.PROFILE)).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.cacheTtls().of(CacheType.HISTORY_PAGE)).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.cacheTtls().of(CacheType.MESSAGE)).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_CACHE_TTLS", "profil=60")))
                .hasMessageContaining("with types profile, username, history, message, conversations, unread, session, blocks");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_CACHE_TTLS", "profile")))
                .hasMessageStartingWith("CHAT_CACHE_TTLS must look like");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_CACHE_TTLS", "profile=0")))
                .hasMessage("CHAT_CACHE_TTLS: profile must live at least 1 second, was 0");
    }

    @Test
    @DisplayName("message change limits default as decision 0024 says, are changed per limit, and a mistake names the variable")
    void message_limits() {
        assertThat(ChatConfig.fromEnvironment(Map.of()).messageLimits()).isEqualTo(MessageChangeLimits.defaults());
        MessageChangeLimits changed = ChatConfig.fromEnvironment(Map.of("CHAT_MESSAGE_LIMITS",
                "edit_window=15m,emoji_per_message=5")).messageLimits();
        assertThat(changed.editWindow()).contains(Duration.ofMinutes(15));
        assertThat(changed.maxEmojiPerMessage()).isEqualTo(5);
        assertThat(changed.maxEditVersions()).isEqualTo(MessageChangeLimits.DEFAULT_EDIT_VERSIONS);
        assertThat(ChatConfig.fromEnvironment(Map.of("CHAT_MESSAGE_LIMITS", "edit_window=off")).messageLimits().editWindow())
                .isEmpty();
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_MESSAGE_LIMITS", "edit_versions=0")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("CHAT_MESSAGE_LIMITS: ");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_MESSAGE_LIMITS", "edits=3")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("CHAT_MESSAGE_LIMITS: ");
    }

    @Test
    @DisplayName("rate limits, trusted proxies and the hashing pool are configured; mistakes name the variable")
    void limits_and_admission() {
        ChatConfig defaults = ChatConfig.fromEnvironment(Map.of());
        assertThat(defaults.rateLimits()).isEqualTo(RateLimits.defaults());
        assertThat(defaults.trustedProxies()).isEmpty();
        assertThat(defaults.hashThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(defaults.hashQueue()).isEqualTo(4 * defaults.hashThreads());

        ChatConfig config = ChatConfig.fromEnvironment(Map.of("CHAT_RATE_LIMITS", "sends_per_user=5/1s,searches_per_user=off",
                "CHAT_TRUSTED_PROXIES", " 10.0.0.0/8 , ::1 ", "CHAT_HASH_THREADS", "3"));
        assertThat(config.rateLimits().of(LimitedAction.SENDS_PER_USER).orElseThrow().bandwidths())
                .containsExactly(Bandwidth.of(5, Duration.ofSeconds(1)));
        assertThat(config.rateLimits().of(LimitedAction.SEARCHES_PER_USER)).isEmpty();
        assertThat(config.trustedProxies()).containsExactly("10.0.0.0/8", "::1");
        assertThat(config.hashQueue()).isEqualTo(12);
        assertThat(ChatConfig.fromEnvironment(Map.of("CHAT_RATE_LIMITS", "off")).rateLimits()).isEqualTo(RateLimits.none());

        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_RATE_LIMITS", "sends_per_user=lots")))
                .hasMessageStartingWith("CHAT_RATE_LIMITS: 'lots' is not <capacity>/<period>");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_TRUSTED_PROXIES", "nginx")))
                .hasMessageStartingWith("CHAT_TRUSTED_PROXIES: 'nginx' is not an IP address or CIDR block");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_HASH_THREADS", "0")))
                .hasMessage("CHAT_HASH_THREADS must be between 1 and 256, was 0");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_HASH_QUEUE", "0")))
                .hasMessage("CHAT_HASH_QUEUE must be between 1 and 10000, was 0");
    }

    @Test
    @DisplayName("an external database needs a JWT secret of at least 32 bytes")
    void jwt_secret_rules() {
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_DATABASE_URL", "postgresql://db/chat")))
                .hasMessageStartingWith("CHAT_JWT_SECRET is required when CHAT_DATABASE_URL is set");
        assertThatThrownBy(() -> ChatConfig.fromEnvironment(Map.of("CHAT_JWT_SECRET", "short")))
                .hasMessageStartingWith("CHAT_JWT_SECRET must be at least 32 bytes, it has 5");
    }

    @Test
    @DisplayName("the configuration can be logged: secrets and URLs with passwords are not shown")
    void to_string_hides_secrets() {
        ChatConfig config = ChatConfig.fromEnvironment(Map.of("CHAT_DATABASE_URL", "postgresql://u:hunter2@db/chat",
                "CHAT_JWT_SECRET", SECRET, "CHAT_REDIS_URL", "redis://:pw@cache:6379"));
        assertThat(config.toString()).doesNotContain("hunter2").doesNotContain(SECRET).doesNotContain(":pw@")
                .contains("database=external").contains("jwtSecret=***");
    }
}
