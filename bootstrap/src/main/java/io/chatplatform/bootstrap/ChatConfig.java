package io.chatplatform.bootstrap;

import io.chatplatform.adapter.http.TrustedProxies;
import io.chatplatform.bootstrap.security.BcryptPasswordHasher;
import io.chatplatform.bootstrap.security.JwtAccessTokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import io.chatplatform.domain.cache.CacheTtls;
import io.chatplatform.domain.cache.CacheType;
import java.time.Duration;
import io.chatplatform.domain.limit.MessageChangeLimits;
import io.chatplatform.domain.limit.RateLimits;
import io.chatplatform.domain.session.SessionPolicy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The service's whole configuration, read once from environment variables at start-up and
 * validated there, so that a bad value stops the service with a message naming the variable
 * instead of failing later. Secrets never appear in {@link #toString()}.
 *
 * @param httpHost       CHAT_HTTP_HOST, the address to listen on (default 0.0.0.0)
 * @param httpPort       CHAT_HTTP_PORT (default 8000; 0 picks a free port)
 * @param databaseUrl    CHAT_DATABASE_URL; empty means an embedded PostgreSQL under the data directory
 * @param databaseSchema CHAT_DATABASE_SCHEMA, the schema to keep the tables in (default: the user's default)
 * @param databasePoolSize CHAT_DATABASE_POOL_SIZE (default 10)
 * @param redisUrl       CHAT_REDIS_URL; empty means no Redis
 * @param redisKeyPrefix CHAT_REDIS_KEY_PREFIX, prepended to every Redis key (default {@code chat:})
 * @param cacheMode      CHAT_CACHE: auto (default), redis, in-process or off
 * @param cacheTtls      CHAT_CACHE_TTLS, e.g. {@code profile=1800,history=600} (seconds; unnamed types keep their defaults)
 * @param cacheMaxEntries CHAT_CACHE_MAX_ENTRIES, the in-process cache's bound (default 100000)
 * @param jwtSecret      CHAT_JWT_SECRET; required with CHAT_DATABASE_URL, else generated once and kept in the data directory
 * @param tokenLifetime  CHAT_TOKEN_TTL_MINUTES, how long an access token is accepted (default 15)
 * @param refreshLifetime CHAT_REFRESH_TTL_DAYS, how long a refresh token may be used from its issue,
 *                       so how long a session may go unused (default 30, 1 to 365)
 * @param dataDir        CHAT_DATA_DIR (default ./data)
 * @param bcryptCost     CHAT_BCRYPT_COST (default 12)
 * @param hashThreads    CHAT_HASH_THREADS, platform threads that hash passwords (default: one per core)
 * @param hashQueue      CHAT_HASH_QUEUE, password hashes that may wait for a thread; beyond that a
 *                       login or registration is answered 503 at once (default: 4 per thread)
 * @param rateLimits     CHAT_RATE_LIMITS: {@code defaults}, {@code off}, or changes such as
 *                       {@code sends_per_user=60/10s+600/1m,searches_per_user=off} (see {@link RateLimits})
 * @param trustedProxies CHAT_TRUSTED_PROXIES, comma-separated addresses or CIDR blocks whose
 *                       {@code X-Forwarded-For} names the client (default: none)
 * @param messageLimits  CHAT_MESSAGE_LIMITS: {@code defaults} or changes such as
 *                       {@code edit_window=15m,edit_versions=10,emoji_per_message=10} (see {@link MessageChangeLimits})
 */
public record ChatConfig(String httpHost, int httpPort, Optional<String> databaseUrl, Optional<String> databaseSchema,
                         int databasePoolSize, Optional<String> redisUrl, String redisKeyPrefix, CacheMode cacheMode, CacheTtls cacheTtls,
                         long cacheMaxEntries, Optional<String> jwtSecret,
                         Duration tokenLifetime, Duration refreshLifetime, Path dataDir, int bcryptCost, int hashThreads, int hashQueue,
                         RateLimits rateLimits, List<String> trustedProxies, MessageChangeLimits messageLimits) {

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public ChatConfig {
        Objects.requireNonNull(httpHost, "httpHost");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(databaseSchema, "databaseSchema");
        Objects.requireNonNull(redisUrl, "redisUrl");
        Objects.requireNonNull(redisKeyPrefix, "redisKeyPrefix");
        Objects.requireNonNull(cacheMode, "cacheMode");
        Objects.requireNonNull(cacheTtls, "cacheTtls");
        Objects.requireNonNull(jwtSecret, "jwtSecret");
        Objects.requireNonNull(tokenLifetime, "tokenLifetime");
        Objects.requireNonNull(refreshLifetime, "refreshLifetime");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(messageLimits, "messageLimits");
        trustedProxies = List.copyOf(trustedProxies);
        if (httpPort < 0 || httpPort > 65535) {
            throw new ConfigException("CHAT_HTTP_PORT must be between 0 and 65535, was " + httpPort);
        }
        if (databasePoolSize < 1 || databasePoolSize > 500) {
            throw new ConfigException("CHAT_DATABASE_POOL_SIZE must be between 1 and 500, was " + databasePoolSize);
        }
        databaseSchema.ifPresent(schema -> {
            if (!SCHEMA_NAME.matcher(schema).matches()) {
                throw new ConfigException("CHAT_DATABASE_SCHEMA must be a lower-case SQL identifier "
                        + "(letters, digits, underscore), was '" + schema + "'");
            }
        });
        jwtSecret.ifPresent(secret -> {
            int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
            if (bytes < JwtAccessTokens.MIN_SECRET_BYTES) {
                throw new ConfigException("CHAT_JWT_SECRET must be at least " + JwtAccessTokens.MIN_SECRET_BYTES
                        + " bytes, it has " + bytes + "; make one with: openssl rand -base64 48");
            }
        });
        if (databaseUrl.isPresent() && jwtSecret.isEmpty()) {
            throw new ConfigException("CHAT_JWT_SECRET is required when CHAT_DATABASE_URL is set: every instance that "
                    + "shares the database must sign tokens with the same secret; make one with: openssl rand -base64 48");
        }
        if (tokenLifetime.toMinutes() < 1 || tokenLifetime.toDays() > 30) {
            throw new ConfigException("CHAT_TOKEN_TTL_MINUTES must be between 1 and 43200 (30 days), was "
                    + tokenLifetime.toMinutes());
        }
        if (refreshLifetime.toDays() < 1 || refreshLifetime.toDays() > 365) {
            throw new ConfigException("CHAT_REFRESH_TTL_DAYS must be between 1 and 365, was " + refreshLifetime.toDays());
        }
        if (refreshLifetime.compareTo(tokenLifetime) <= 0) {
            // a session would end before its first access token: every refresh would fail
            throw new ConfigException("CHAT_REFRESH_TTL_DAYS (" + refreshLifetime.toDays() + " days) must be longer than "
                    + "CHAT_TOKEN_TTL_MINUTES (" + tokenLifetime.toMinutes() + " minutes)");
        }
        if (cacheMode == CacheMode.REDIS && redisUrl.isEmpty()) {
            throw new ConfigException("CHAT_CACHE=redis needs CHAT_REDIS_URL, e.g. redis://127.0.0.1:6379/0");
        }
        if (cacheMaxEntries < 1) {
            throw new ConfigException("CHAT_CACHE_MAX_ENTRIES must be at least 1, was " + cacheMaxEntries);
        }
        if (bcryptCost < BcryptPasswordHasher.MIN_COST || bcryptCost > BcryptPasswordHasher.MAX_COST) {
            throw new ConfigException("CHAT_BCRYPT_COST must be between " + BcryptPasswordHasher.MIN_COST + " and "
                    + BcryptPasswordHasher.MAX_COST + ", was " + bcryptCost);
        }
        if (hashThreads < 1 || hashThreads > 256) {
            throw new ConfigException("CHAT_HASH_THREADS must be between 1 and 256, was " + hashThreads);
        }
        if (hashQueue < 1 || hashQueue > 10_000) {
            throw new ConfigException("CHAT_HASH_QUEUE must be between 1 and 10000, was " + hashQueue);
        }
        try {
            new TrustedProxies(trustedProxies);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("CHAT_TRUSTED_PROXIES: " + e.getMessage()
                    + "; give addresses or CIDR blocks separated by commas, e.g. 10.0.0.0/8,::1");
        }
    }

    /** Reads the configuration from these variables (normally {@code System.getenv()}). */
    public static ChatConfig fromEnvironment(Map<String, String> env) {
        // read by logback.xml before this runs; checked here so that a typo stops the start with a clear message
        text(env, "CHAT_LOG_FORMAT").ifPresent(format -> {
            if (!format.equals("json") && !format.equals("console")) {
                throw new ConfigException("CHAT_LOG_FORMAT must be json or console, was '" + format + "'");
            }
        });
        int hashThreads = integer(env, "CHAT_HASH_THREADS", Runtime.getRuntime().availableProcessors());
        return new ChatConfig(
                text(env, "CHAT_HTTP_HOST").orElse("0.0.0.0"),
                integer(env, "CHAT_HTTP_PORT", 8000),
                text(env, "CHAT_DATABASE_URL"),
                text(env, "CHAT_DATABASE_SCHEMA"),
                integer(env, "CHAT_DATABASE_POOL_SIZE", 10),
                text(env, "CHAT_REDIS_URL"),
                text(env, "CHAT_REDIS_KEY_PREFIX").orElse("chat:"),
                text(env, "CHAT_CACHE").map(CacheMode::parse).orElse(CacheMode.AUTO),
                text(env, "CHAT_CACHE_TTLS").map(ChatConfig::cacheTtls).orElse(CacheTtls.defaults()),
                integer(env, "CHAT_CACHE_MAX_ENTRIES", 100_000),
                text(env, "CHAT_JWT_SECRET"),
                Duration.ofMinutes(integer(env, "CHAT_TOKEN_TTL_MINUTES", 15)),
                Duration.ofDays(integer(env, "CHAT_REFRESH_TTL_DAYS", 30)),
                path(env, "CHAT_DATA_DIR", "./data"),
                integer(env, "CHAT_BCRYPT_COST", 12),
                hashThreads,
                integer(env, "CHAT_HASH_QUEUE", 4 * Math.max(1, hashThreads)),
                text(env, "CHAT_RATE_LIMITS").map(ChatConfig::rateLimits).orElse(RateLimits.defaults()),
                text(env, "CHAT_TRUSTED_PROXIES").map(ChatConfig::list).orElse(List.of()),
                text(env, "CHAT_MESSAGE_LIMITS").map(ChatConfig::messageLimits).orElse(MessageChangeLimits.defaults()));
    }

    /** The cache actually used: AUTO resolved. */
    public CacheMode effectiveCacheMode() {
        if (cacheMode != CacheMode.AUTO) {
            return cacheMode;
        }
        return redisUrl.isPresent() ? CacheMode.REDIS : CacheMode.IN_PROCESS;
    }

    /**
     * The lifetimes of access and refresh tokens; the reuse grace of a spent refresh token stays
     * the domain's (5 s).
     */
    public SessionPolicy sessionPolicy() {
        // the refresh lifetime first: the access lifetime may exceed the default refresh lifetime
        return SessionPolicy.DEFAULT.withRefreshTokenTtl(refreshLifetime).withAccessTokenTtl(tokenLifetime);
    }

    /** Whether the service runs its own PostgreSQL. */
    public boolean embeddedDatabase() {
        return databaseUrl.isEmpty();
    }

    /** A copy listening on another port (tests use 0). */
    public ChatConfig withHttpPort(int port) {
        return new ChatConfig(httpHost, port, databaseUrl, databaseSchema, databasePoolSize, redisUrl, redisKeyPrefix, cacheMode,
                cacheTtls, cacheMaxEntries, jwtSecret, tokenLifetime, refreshLifetime, dataDir, bcryptCost, hashThreads, hashQueue, rateLimits,
                trustedProxies, messageLimits);
    }

    private static RateLimits rateLimits(String value) {
        try {
            return RateLimits.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("CHAT_RATE_LIMITS: " + e.getMessage() + "; write 'defaults', 'off', or changes like "
                    + "'sends_per_user=60/10s+600/1m,searches_per_user=off'");
        }
    }

    private static MessageChangeLimits messageLimits(String value) {
        try {
            return MessageChangeLimits.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("CHAT_MESSAGE_LIMITS: " + e.getMessage() + "; write 'defaults' or changes like "
                    + "'edit_window=15m,edit_versions=10,emoji_per_message=10' (edit_window=off: no window)");
        }
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    private static CacheTtls cacheTtls(String value) {
        CacheTtls ttls = CacheTtls.defaults();
        for (String part : value.split(",")) {
            String[] pair = part.split("=", 2);
            String expected = "CHAT_CACHE_TTLS must look like 'profile=1800,history=600' (seconds) with types "
                    + Arrays.stream(CacheType.values()).map(CacheType::label).collect(Collectors.joining(", "));
            if (pair.length != 2) {
                throw new ConfigException(expected + "; was '" + value + "'");
            }
            CacheType type;
            long seconds;
            try {
                type = CacheType.ofLabel(pair[0].strip());
                seconds = Long.parseLong(pair[1].strip());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(expected + "; was '" + value + "'");
            }
            if (seconds < 1) {
                throw new ConfigException("CHAT_CACHE_TTLS: " + type.label() + " must live at least 1 second, was " + seconds);
            }
            ttls = ttls.with(type, Duration.ofSeconds(seconds));
        }
        return ttls;
    }

    private static Optional<String> text(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        Optional<String> value = text(env, name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, was '" + value.get() + "'");
        }
    }

    private static Path path(Map<String, String> env, String name, String fallback) {
        String value = text(env, name).orElse(fallback);
        try {
            return Path.of(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new ConfigException(name + " must be a file system path, was '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return "ChatConfig[httpHost=" + httpHost + ", httpPort=" + httpPort
                + ", database=" + databaseUrl.map(url -> "external").orElse("embedded")
                + ", databaseSchema=" + databaseSchema.orElse("(default)")
                + ", databasePoolSize=" + databasePoolSize
                + ", redis=" + redisUrl.map(url -> "configured").orElse("none")
                + ", cache=" + effectiveCacheMode().name().toLowerCase(java.util.Locale.ROOT)
                + ", jwtSecret=" + jwtSecret.map(secret -> "***").orElse("(generated)")
                + ", tokenLifetime=" + tokenLifetime + ", refreshLifetime=" + refreshLifetime
                + ", dataDir=" + dataDir + ", bcryptCost=" + bcryptCost
                + ", hashThreads=" + hashThreads + ", hashQueue=" + hashQueue + ", rateLimits=" + rateLimits
                + ", trustedProxies=" + trustedProxies + "]";
    }
}
