package io.chatplatform.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TestPostgresTest {

    @Test
    @DisplayName("a postgres:// URL becomes a JDBC URL with its credentials as properties")
    void converts_a_libpq_url() {
        Properties properties = new Properties();
        String jdbc = TestPostgres.jdbcUrl("postgres://chat:s%40cret@db.example:6543/chat?sslmode=require", properties);
        assertThat(jdbc).isEqualTo("jdbc:postgresql://db.example:6543/chat?sslmode=require");
        assertThat(properties).containsEntry("user", "chat").containsEntry("password", "s@cret");
    }

    @Test
    @DisplayName("a fresh schema is the test's own and is gone, with its tables, after close")
    void fresh_schema_is_dropped() throws SQLException {
        String name;
        try (TestPostgres.Schema schema = TestPostgres.freshSchema("kit")) {
            name = schema.name();
            assertThat(name).startsWith("kit_");
            TestPostgres.execute("CREATE SCHEMA " + name + "; CREATE TABLE " + name + ".t (x int)");
            assertThat(schemaExists(name)).isTrue();
        }
        assertThat(schemaExists(name)).isFalse();
    }

    private static boolean schemaExists(String name) throws SQLException {
        try (Connection connection = TestPostgres.connect(TestPostgres.url());
             ResultSet rows = connection.createStatement()
                     .executeQuery("SELECT 1 FROM pg_namespace WHERE nspname = '" + name + "'")) {
            return rows.next();
        }
    }
}
