package io.chatplatform.bootstrap;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * The external PostgreSQL the end-to-end tests may use: {@code CHAT_TEST_DATABASE_URL} (a
 * {@code jdbc:postgresql:} URL) when set, else the local server on 127.0.0.1:5432 (database
 * {@code test}) when it answers. Each test works in a schema of its own and drops it.
 */
final class TestPostgres {

    static final String LOCAL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestPostgres() {
    }

    /** The server's JDBC URL, if there is one to test against. */
    static Optional<String> url() {
        String configured = System.getenv("CHAT_TEST_DATABASE_URL");
        if (configured != null && configured.startsWith("jdbc:postgresql:")) {
            return Optional.of(configured);
        }
        return answers(LOCAL) ? Optional.of(LOCAL) : Optional.empty();
    }

    static String freshSchemaName(String prefix) {
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        return prefix + "_" + HexFormat.of().formatHex(suffix);
    }

    static void dropSchema(String url, String schema) {
        try (Connection connection = DriverManager.getConnection(url, new Properties())) {
            connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("could not drop test schema " + schema, e);
        }
    }

    private static boolean answers(String url) {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", "1");
        try (Connection ignored = DriverManager.getConnection(url, properties)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
