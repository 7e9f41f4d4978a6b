package io.chatplatform.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL started as ChatServer starts it: durable, open to the service's
 * password only, and able to start over whatever a crash left in its data directory.
 */
class EmbeddedPostgresTest {

    @TempDir
    static Path sharedDir;
    /** One running server for the checks that only read. */
    private static EmbeddedPostgres server;
    private static Path dataDir;

    @BeforeAll
    static void start() {
        dataDir = sharedDir.resolve("data");
        server = EmbeddedPostgres.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("an acknowledged write survives a crash of the machine: fsync, synchronous_commit and full_page_writes are on")
    void durable() throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl())) {
            assertThat(show(connection, "fsync")).isEqualTo("on");
            assertThat(show(connection, "synchronous_commit")).isEqualTo("on");
            assertThat(show(connection, "full_page_writes")).isEqualTo("on");
        }
    }

    @Test
    @DisplayName("it listens on 127.0.0.1 only, and has no Unix socket")
    void loopback_only() throws SQLException {
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl())) {
            assertThat(show(connection, "listen_addresses")).isEqualTo("127.0.0.1");
            assertThat(show(connection, "unix_socket_directories")).isEmpty();
        }
    }

    @Test
    @DisplayName("a connection without the generated password, or with a wrong one, is refused; with it, it is the superuser")
    void password_required() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/postgres";
        assertThatThrownBy(() -> connect(url, "postgres", null)).isInstanceOf(SQLException.class)
                .hasMessageContaining("no password was provided");
        assertThatThrownBy(() -> connect(url, "postgres", "not-the-password")).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01")); // invalid_password
        assertThatThrownBy(() -> connect(url, "nobody", "")).isInstanceOf(SQLException.class);

        String password = Files.readString(dataDir.resolve(EmbeddedPostgres.PASSWORD_FILE), StandardCharsets.UTF_8).strip();
        try (Connection connection = connect(url, "postgres", password);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT current_user, rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = current_user")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("postgres");
            assertThat(row.getBoolean(2)).as("stored as a SCRAM verifier, not in clear").isTrue();
        }
    }

    @Test
    @DisplayName("the password and the database are in owner-only files and directories, and pg_hba.conf trusts nobody")
    void owner_only() throws IOException {
        assertThat(permissions(dataDir)).isEqualTo("rwx------");
        assertThat(permissions(dataDir.resolve(EmbeddedPostgres.PASSWORD_FILE))).isEqualTo("rw-------");
        assertThat(permissions(dataDir.resolve(EmbeddedPostgres.DATA_SUBDIRECTORY))).isEqualTo("rwx------");
        assertThat(permissions(dataDir.resolve(EmbeddedPostgres.BINARIES_SUBDIRECTORY))).isEqualTo("rwx------");
        String hba = Files.readString(dataDir.resolve("postgres/pg_hba.conf"), StandardCharsets.UTF_8);
        assertThat(hba).isEqualTo(PostgresAccess.PG_HBA).doesNotContain("trust");
    }

    @Test
    @DisplayName("a second start on a data directory in use is refused at once, naming CHAT_DATA_DIR, and the first keeps serving")
    void second_start_refused() throws Exception {
        assertThatThrownBy(() -> EmbeddedPostgres.start(dataDir)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CHAT_DATA_DIR " + dataDir.toRealPath() + " is in use by another Chat Platform service");
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl())) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @Test
    @DisplayName("a data directory made by the earlier version, whose pg_hba.conf trusted every local connection, is locked down at the next start and keeps its data")
    void earlier_version_locked_down(@TempDir Path dir) throws Exception {
        Path oldData = dir.resolve("data");
        Path pgData = oldData.resolve("postgres");
        Files.createDirectories(pgData);
        Files.setPosixFilePermissions(oldData, PosixFilePermissions.fromString("rwxr-xr-x"));
        // exactly what the earlier EmbeddedPostgres did
        var earlier = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(pgData).setCleanDataDirectory(false).setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1").start();
        try (Connection connection = earlier.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (v text)");
            statement.execute("INSERT INTO kept VALUES ('written before the upgrade')");
        } finally {
            earlier.close();
        }
        assertThat(Files.readString(pgData.resolve("pg_hba.conf"))).containsPattern("(?m)^host\\s+all\\s+all\\s+127.0.0.1/32\\s+trust");

        try (EmbeddedPostgres upgraded = EmbeddedPostgres.start(oldData)) {
            assertThatThrownBy(() -> connect("jdbc:postgresql://127.0.0.1:" + upgraded.port() + "/postgres", "postgres", null))
                    .isInstanceOf(SQLException.class);
            try (Connection connection = DriverManager.getConnection(upgraded.jdbcUrl());
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT v FROM kept")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("written before the upgrade");
                assertThat(show(connection, "fsync")).isEqualTo("on");
            }
            assertThat(Files.readString(pgData.resolve("pg_hba.conf"))).isEqualTo(PostgresAccess.PG_HBA);
            assertThat(permissions(oldData)).isEqualTo("rwx------");
        }
    }

    @Test
    @DisplayName("a PostgreSQL left running in the data directory by a killed service is stopped, and the start goes on")
    void orphan_stopped(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path pgData = data.resolve(EmbeddedPostgres.DATA_SUBDIRECTORY);
        PostgresBinaries binaries;
        try (EmbeddedPostgres first = EmbeddedPostgres.start(data)) {
            binaries = first.binaries();
        }
        // a postmaster of this data directory and no service holding its lock: what SIGKILL of the service leaves
        int orphanPort = freePort();
        var started = binaries.run(Duration.ofSeconds(60), null, "pg_ctl", List.of("start", "-w", "-D", pgData.toString(),
                "-l", dir.resolve("orphan.log").toString(),
                "-o", "-p " + orphanPort + " -c listen_addresses=127.0.0.1 -c unix_socket_directories="));
        assertThat(started.exitCode()).as(started.output()).isZero();
        ProcessHandle orphan = postmaster(pgData);
        try {
            assertThat(orphan.isAlive()).isTrue();
            assertThat(LeftoverPostmaster.classify(orphan, pgData)).isEqualTo(LeftoverPostmaster.Kind.ORPHAN);

            try (EmbeddedPostgres second = EmbeddedPostgres.start(data)) {
                assertThat(orphan.isAlive()).as("the orphan was stopped").isFalse();
                assertThat(second.port()).isNotEqualTo(orphanPort);
                try (Connection connection = DriverManager.getConnection(second.jdbcUrl())) {
                    assertThat(connection.isValid(5)).isTrue();
                }
            }
        } finally {
            orphan.destroy(); // when it failed half-way: no PostgreSQL left behind
        }
    }

    @Test
    @DisplayName("a postmaster.pid naming a live process of another program (its pid reused after a reboot) is removed, and that process left alone")
    void stale_pid_file(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Path pgData = data.resolve(EmbeddedPostgres.DATA_SUBDIRECTORY);
        EmbeddedPostgres.start(data).close();
        Process unrelated = new ProcessBuilder("sleep", "120").start();
        try {
            // as PostgreSQL writes it: pid, data directory, start time, port, socket directory, address, shared memory key, status
            Files.writeString(pgData.resolve(LeftoverPostmaster.PID_FILE), unrelated.pid() + "\n" + pgData + "\n1700000000\n5432\n\n"
                    + "127.0.0.1\n  5432001         0\nready   \n");
            assertThat(LeftoverPostmaster.classify(unrelated.toHandle(), pgData)).isEqualTo(LeftoverPostmaster.Kind.UNRELATED);

            try (EmbeddedPostgres restarted = EmbeddedPostgres.start(data);
                 Connection connection = DriverManager.getConnection(restarted.jdbcUrl())) {
                assertThat(connection.isValid(5)).isTrue();
                assertThat(postmaster(pgData).pid()).isNotEqualTo(unrelated.pid());
            }
            assertThat(unrelated.isAlive()).isTrue();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SHOW " + setting)) {
            row.next();
            return row.getString(1);
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    private static ProcessHandle postmaster(Path pgData) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(pgData.resolve(LeftoverPostmaster.PID_FILE)).get(0).strip());
        return ProcessHandle.of(pid).orElseThrow();
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
