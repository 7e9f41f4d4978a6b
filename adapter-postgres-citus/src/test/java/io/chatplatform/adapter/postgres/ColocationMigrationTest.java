package io.chatplatform.adapter.postgres;

import static io.chatplatform.adapter.postgres.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.user.User;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * V5 on a database that already ran V2 with five colocation groups: metadata only while the
 * shards still lie where V2 put them; a rewrite of the lookup table where a rebalance moved them
 * apart. Runs only with the {@code citus} Maven profile.
 */
@EnabledIfSystemProperty(named = "chat.test.citus", matches = "true")
@DisplayName("on Citus, V5 joins the lookup tables to two colocation groups")
class ColocationMigrationTest {

    private String schema;

    @BeforeEach
    void schema() {
        byte[] suffix = new byte[6];
        new SecureRandom().nextBytes(suffix);
        schema = "chat_test_" + HexFormat.of().formatHex(suffix);
    }

    @AfterEach
    void drop() {
        TestDatabase.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** Migrates the schema up to and including {@code version}, as a deployment of that time would have. */
    private void migrateTo(String version) {
        PostgresSettings server = TestDatabase.server();
        Flyway.configure()
                .dataSource(server.jdbcUrl(), server.user(), server.password())
                .locations("classpath:db/migration")
                .schemas(schema)
                .createSchemas(true)
                .target(version)
                .load()
                .migrate();
    }

    private Jdbi jdbi(PostgresDatabase database) {
        return database.jdbi();
    }

    private long oid(PostgresDatabase database, String table) {
        return jdbi(database).withHandle(handle -> handle.createQuery("SELECT CAST(CAST(:table AS regclass) AS oid)")
                .bind("table", schema + "." + table).mapTo(Long.class).one());
    }

    private long groups(PostgresDatabase database) {
        return jdbi(database).withHandle(handle -> handle.createQuery("""
                        SELECT count(DISTINCT p.colocationid) FROM pg_dist_partition p
                        JOIN pg_class c ON c.oid = p.logicalrelid WHERE c.relnamespace = CAST(:schema AS regnamespace)""")
                .bind("schema", schema).mapTo(Long.class).one());
    }

    @Test
    @DisplayName("where a rebalance moved a lookup table's shard, it rewrites that table into the group, keeping every row")
    void rewrite_after_rebalance() {
        long workers = count("SELECT count(*) FROM pg_dist_node WHERE isactive AND noderole = 'primary' AND groupid <> 0");
        assumeTrue(workers >= 2, "moving a shard needs two workers");
        migrateTo("4");
        User alice;
        User bob;
        Message message;
        long locationsBefore;
        try (PostgresDatabase v4 = openWithoutMigrating(TestDatabase.server().withSchema(schema))) {
            // as stores of that time wrote them: today's stores write columns V4 does not have
            alice = jdbi(v4).inTransaction(handle -> Fixtures.registerBeforeV7(handle, "alice"));
            bob = jdbi(v4).inTransaction(handle -> Fixtures.registerBeforeV7(handle, "bob"));
            User from = alice;
            User to = bob;
            // as a store of that time wrote it: today's store writes columns V4 does not have
            message = jdbi(v4).inTransaction(handle -> Fixtures.sendBeforeV6(handle, from, to, "before V5", 1, T0));
            locationsBefore = oid(v4, "message_locations");
            // a rebalance in miniature: one shard of message_locations moves to another worker
            jdbi(v4).useHandle(handle -> handle.execute("""
                    SELECT citus_move_shard_placement(s.shardid, n.nodeid,
                           (SELECT min(o.nodeid) FROM pg_dist_node o WHERE o.isactive AND o.noderole = 'primary'
                              AND o.groupid <> 0 AND o.groupid <> p.groupid),
                           'block_writes')
                    FROM pg_dist_shard s JOIN pg_dist_placement p USING (shardid)
                    JOIN pg_dist_node n ON n.groupid = p.groupid AND n.noderole = 'primary'
                    WHERE s.logicalrelid = CAST(? AS regclass)
                    ORDER BY s.shardid LIMIT 1""", schema + ".message_locations"));
        }

        try (PostgresDatabase v5 = PostgresDatabase.open(TestDatabase.server().withSchema(schema))) {
            assertThat(groups(v5)).isEqualTo(2);
            assertThat(oid(v5, "message_locations")).as("rewritten").isNotEqualTo(locationsBefore);
            assertThat(v5.messages().find(message.id())).contains(message);
            assertThat(v5.users().byUsername(bob.username())).contains(bob);
        }
    }

    @Test
    @DisplayName("where the placements are intact, the lookup tables are not rewritten")
    void no_rewrite_when_intact() {
        migrateTo("4");
        long locationsBefore;
        long usernamesBefore;
        try (PostgresDatabase v4 = openWithoutMigrating(TestDatabase.server().withSchema(schema))) {
            locationsBefore = oid(v4, "message_locations");
            usernamesBefore = oid(v4, "usernames");
        }

        try (PostgresDatabase v5 = PostgresDatabase.open(TestDatabase.server().withSchema(schema))) {
            assertThat(groups(v5)).isEqualTo(2);
            assertThat(oid(v5, "message_locations")).isEqualTo(locationsBefore);
            assertThat(oid(v5, "usernames")).isEqualTo(usernamesBefore);
        }
    }

    /** The stores on a schema as it is, without migrating it further (and without the worker check). */
    private static PostgresDatabase openWithoutMigrating(PostgresSettings settings) {
        return new PostgresDatabase(new HikariDataSource(PostgresDatabase.poolConfig(settings)), false, ChatMetrics.NONE,
                PostgresDatabase.WORKER_CHECK_INTERVAL);
    }

    private static long count(String sql) {
        try (PostgresDatabase any = openWithoutMigrating(TestDatabase.server())) {
            return any.jdbi().withHandle(handle -> handle.createQuery(sql).mapTo(Long.class).one());
        }
    }
}
