package io.chatplatform.adapter.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to reach the database: read once at start-up, validated here, never changed afterwards.
 *
 * <p>{@link #jdbcUrl()} never carries the credentials ({@link #fromUrl} moves them to
 * {@link #user()} and {@link #password()}), so it is safe to print; {@link #toString()} hides the
 * password.
 *
 * @param jdbcUrl           a {@code jdbc:postgresql:} URL, without user and password
 * @param user              the database role to log in as
 * @param password          its password; empty when the server does not ask for one
 * @param schema            the schema that holds the tables (created by the migrations when
 *                          absent); empty for the role's default search path
 * @param maxPoolSize       the most connections the pool opens
 * @param connectionTimeout how long a caller waits for a connection before the store counts as
 *                          unavailable; also bounds connecting at start-up
 */
public record PostgresSettings(String jdbcUrl, String user, String password, Optional<String> schema,
                               int maxPoolSize, Duration connectionTimeout) {

    /** Pool size used by {@link #fromUrl}. */
    public static final int DEFAULT_MAX_POOL_SIZE = 10;
    /** Connection timeout used by {@link #fromUrl}: long enough for a busy pool, short enough to fail a request. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    /** HikariCP refuses shorter connection timeouts. */
    static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    private static final String JDBC_PREFIX = "jdbc:postgresql:";
    private static final String EXPECTED_FORMS = "postgresql://user:password@host:port/database (or postgres://...) "
            + "or jdbc:postgresql://host:port/database?user=...&password=...";
    // unquoted identifiers only: the name goes into search_path and CREATE SCHEMA
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public PostgresSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        if (!jdbcUrl.startsWith(JDBC_PREFIX)) {
            throw new IllegalArgumentException("jdbcUrl must start with " + JDBC_PREFIX + ", was '" + redact(jdbcUrl) + "'");
        }
        if (hasQueryParameter(jdbcUrl, "password") || hasQueryParameter(jdbcUrl, "user")) {
            throw new IllegalArgumentException("jdbcUrl must not carry user or password (use the user and password "
                    + "fields, or PostgresSettings.fromUrl), was '" + redact(jdbcUrl) + "'");
        }
        if (user.isBlank()) {
            throw new IllegalArgumentException("user cannot be blank");
        }
        schema.ifPresent(name -> {
            if (!SCHEMA_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("schema must be a lower-case SQL identifier (a-z, 0-9, _; "
                        + "at most 63 characters, not starting with a digit), was '" + name + "'");
            }
        });
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize cannot be less than 1");
        }
        if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
            throw new IllegalArgumentException("connectionTimeout cannot be less than 250 ms, was " + connectionTimeout);
        }
    }

    /**
     * Settings from a database URL as platforms hand them out:
     * <ul>
     *   <li>{@code postgresql://user:password@host:port/database?sslmode=require} or
     *       {@code postgres://...}; user and password are optional in the URL's syntax and
     *       percent-decoded, query parameters are passed to the driver;</li>
     *   <li>{@code jdbc:postgresql://host:port/database?user=...&password=...}.</li>
     * </ul>
     * Without a user in the URL, the operating-system user logs in (as with psql). Pool size and
     * connection timeout get their defaults, no schema is set.
     *
     * @throws IllegalArgumentException saying which form was expected; the message never contains
     *                                  the password
     */
    public static PostgresSettings fromUrl(String url) {
        Objects.requireNonNull(url, "url");
        String trimmed = url.strip();
        Credentials credentials;
        String jdbcUrl;
        if (trimmed.startsWith(JDBC_PREFIX)) {
            int queryStart = trimmed.indexOf('?');
            String base = queryStart < 0 ? trimmed : trimmed.substring(0, queryStart);
            String query = queryStart < 0 ? "" : trimmed.substring(queryStart + 1);
            credentials = new Credentials(null, null);
            jdbcUrl = base + queryWithoutCredentials(query, credentials, url);
        } else if (trimmed.startsWith("postgresql://") || trimmed.startsWith("postgres://")) {
            URI uri = parse(trimmed, url);
            credentials = credentialsOf(uri.getRawUserInfo(), url);
            String host = uri.getHost();
            if (host == null || host.isEmpty()) {
                throw invalid("it has no host", url);
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            if (!path.isEmpty() && !path.startsWith("/")) {
                throw invalid("its database part is not a path", url);
            }
            String database = path.isEmpty() ? "" : path.substring(1);
            if (database.contains("/")) {
                throw invalid("its database name contains '/'", url);
            }
            jdbcUrl = JDBC_PREFIX + "//" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/" + database
                    + queryWithoutCredentials(uri.getRawQuery() == null ? "" : uri.getRawQuery(), credentials, url);
        } else {
            throw invalid("it does not start with postgresql://, postgres:// or jdbc:postgresql:", url);
        }
        if (credentials.user == null || credentials.user.isEmpty()) {
            // what psql and the driver do without a user
            credentials.user = System.getProperty("user.name", "postgres");
        }
        return new PostgresSettings(jdbcUrl, credentials.user, credentials.password == null ? "" : credentials.password,
                Optional.empty(), DEFAULT_MAX_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT);
    }

    /** The same settings with the tables in {@code schema}. */
    public PostgresSettings withSchema(String schema) {
        return new PostgresSettings(jdbcUrl, user, password, Optional.of(Objects.requireNonNull(schema, "schema")),
                maxPoolSize, connectionTimeout);
    }

    /** The same settings with a different pool size. */
    public PostgresSettings withMaxPoolSize(int maxPoolSize) {
        return new PostgresSettings(jdbcUrl, user, password, schema, maxPoolSize, connectionTimeout);
    }

    /** The same settings with a different connection timeout. */
    public PostgresSettings withConnectionTimeout(Duration connectionTimeout) {
        return new PostgresSettings(jdbcUrl, user, password, schema, maxPoolSize, connectionTimeout);
    }

    @Override
    public String toString() {
        return "PostgresSettings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***")
                + ", schema=" + schema.orElse("(default)") + ", maxPoolSize=" + maxPoolSize
                + ", connectionTimeout=" + connectionTimeout + "]";
    }

    private static final class Credentials {
        private String user;
        private String password;

        private Credentials(String user, String password) {
            this.user = user;
            this.password = password;
        }
    }

    private static URI parse(String trimmed, String original) {
        try {
            return new URI(trimmed);
        } catch (URISyntaxException e) {
            throw invalid("it is not a valid URL (characters such as '@', ':' or '/' in the password must be "
                    + "percent-encoded)", original);
        }
    }

    private static Credentials credentialsOf(String rawUserInfo, String original) {
        if (rawUserInfo == null) {
            return new Credentials(null, null);
        }
        int colon = rawUserInfo.indexOf(':');
        String user = colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon);
        String password = colon < 0 ? null : rawUserInfo.substring(colon + 1);
        return new Credentials(decode(user, original), password == null ? null : decode(password, original));
    }

    /** Moves {@code user} and {@code password} out of a query string into {@code credentials}; keeps the rest as is. */
    private static String queryWithoutCredentials(String query, Credentials credentials, String original) {
        if (query.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String parameter : query.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String name = equals < 0 ? parameter : parameter.substring(0, equals);
            String value = equals < 0 ? "" : decode(parameter.substring(equals + 1), original);
            if (name.equals("user")) {
                credentials.user = value;
            } else if (name.equals("password")) {
                credentials.password = value;
            } else {
                kept.add(parameter);
            }
        }
        return kept.isEmpty() ? "" : "?" + String.join("&", kept);
    }

    private static String decode(String value, String original) {
        try {
            // percent-decoding only: in a URL's user info and query, '+' is a plus sign
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("it contains a malformed percent-escape", original);
        }
    }

    private static boolean hasQueryParameter(String url, String name) {
        int queryStart = url.indexOf('?');
        if (queryStart < 0) {
            return false;
        }
        for (String parameter : url.substring(queryStart + 1).split("&")) {
            if (parameter.equals(name) || parameter.startsWith(name + "=")) {
                return true;
            }
        }
        return false;
    }

    private static IllegalArgumentException invalid(String problem, String url) {
        return new IllegalArgumentException("database URL must look like " + EXPECTED_FORMS + "; " + problem
                + ": '" + redact(url) + "'");
    }

    /** The URL with any password replaced by {@code ***}, for messages. */
    static String redact(String url) {
        return url
                .replaceAll("(://[^:/?#@]*):.*@", "$1:***@")
                .replaceAll("([?&]password=)[^&]*", "$1***");
    }
}
