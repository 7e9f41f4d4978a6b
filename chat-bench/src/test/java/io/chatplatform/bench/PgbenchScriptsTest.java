package io.chatplatform.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chatplatform.adapter.postgres.MessageStatements;
import io.chatplatform.adapter.postgres.PostgresSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ceilings' pgbench scripts are the adapter's own statements, and pgbench runs them against the service's schema. */
class PgbenchScriptsTest {

    private static final String DATABASE = System.getenv().getOrDefault("CHAT_TEST_DATABASE_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    @Test
    void theScriptsRunTheAdaptersStatementsWithTheirParametersSet() {
        String send = PgbenchScripts.send();
        for (String sql : MessageStatements.SEND_TRANSACTION) {
            // every statement is there, from its first line (its parameters come later)
            assertThat(send).contains(sql.lines().findFirst().orElseThrow().replaceAll(":\\w+.*", ""));
        }
        assertThat(send).startsWith(PgbenchScripts.PAIR).contains("BEGIN;\n").endsWith("COMMIT;\n")
                .contains("RETURNING last_seq, last_change_seq \\gset", "nextval('messages_id_seq'), :last_seq, :snd, :rcp")
                .doesNotContain(":cid", ":seq,", ":messageId", ":peerUsername");
        assertThat(PgbenchScripts.history()).contains("ORDER BY seq DESC", "LIMIT 50 OFFSET 0;");
        assertThatThrownBy(() -> PgbenchScripts.statement("SELECT :unknown", Map.of(), false))
                .hasMessageContaining(":unknown");
    }

    @Test
    void ceilingsShHoldsNoSqlOfItsOwn() throws Exception {
        String script = Files.readString(Path.of("ceilings.sh"), StandardCharsets.UTF_8);
        assertThat(script).contains("pgbench-scripts --out").doesNotContainIgnoringCase("insert into")
                .doesNotContainIgnoringCase("from messages");
    }

    /** pgbench itself, a few transactions of each script on a small seeded layout in a schema of this test. */
    @Test
    void pgbenchRunsThemAgainstTheServicesSchema(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("pgbench"), "pgbench is not installed");
        String schema = "pgbench_test_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
        PostgresSettings settings = PostgresSettings.fromUrl(DATABASE);
        Cli.Database database = new Cli.Database();
        database.url = DATABASE;
        database.schema = schema;
        try {
            Seeder.Layout layout = Seeder.seed(database, true, Seeder.Layout.plan("pg", 10, 20, 40), "pw",
                    new PrintWriter(new StringWriter()));
            Files.writeString(dir.resolve("send.sql"), PgbenchScripts.send());
            Files.writeString(dir.resolve("history.sql"), PgbenchScripts.history());
            URI server = URI.create(settings.jdbcUrl().substring("jdbc:".length()));
            for (String script : new String[]{"send.sql", "history.sql"}) {
                ProcessBuilder pgbench = new ProcessBuilder("pgbench", "-n", "-M", "prepared", "-t", "20",
                        "-h", server.getHost(), "-p", Integer.toString(server.getPort() < 0 ? 5432 : server.getPort()),
                        "-U", settings.user() == null ? "postgres" : settings.user(), "-D", "ubase=" + layout.baseUserId(), "-D", "users=10",
                        "-D", "convs=20", "-f", dir.resolve(script).toString(), server.getPath().substring(1))
                        .redirectErrorStream(true);
                pgbench.environment().put("PGOPTIONS", "-c search_path=" + schema);
                if (settings.password() != null) {
                    pgbench.environment().put("PGPASSWORD", settings.password());
                }
                Process p = pgbench.start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(output).as(script).contains("number of failed transactions: 0");
                assertThat(p.exitValue()).as(output).isZero();
            }
            try (Handle h = Seeder.connect(settings, schema)) {
                assertThat(h.select("SELECT count(*) FROM messages").mapTo(Long.class).one()).isEqualTo(40 + 20);
            }
        } finally {
            try (Handle h = Seeder.connect(settings, "public")) {
                h.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
