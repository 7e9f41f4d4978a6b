package io.chatplatform.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.application.port.out.PoolUsage;
import org.jdbi.v3.core.statement.SqlStatements;
import com.zaxxer.hikari.pool.HikariPool;
import io.chatplatform.application.port.out.ProbeDependency;
import io.chatplatform.application.port.out.ProbeWorkers;
import io.chatplatform.application.port.out.StoreUnavailableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.Jdbi;

/**
 * The chat's PostgreSQL (or Citus) database: a connection pool with the schema migrated, and the
 * stores that implement the persistence ports on it.
 *
 * <pre>{@code
 * try (PostgresDatabase db = PostgresDatabase.open(PostgresSettings.fromUrl(System.getenv("DATABASE_URL")))) {
 *     ChatApplication chat = ChatApplication.builder()
 *             .users(db.users())
 *             .messages(db.messages())
 *             .sessions(db.sessions())
 *             .blocks(db.blocks())
 *             .eraseAccounts(db.erasure())
 *             ...
 * }
 * }</pre>
 *
 * <p>The same migrations serve plain PostgreSQL and a Citus coordinator; on Citus they also
 * distribute the tables (see {@link #citusEnabled()}).
 */
public final class PostgresDatabase implements AutoCloseable {

    /** The pool's name, as it appears in logs, thread names and pool metrics. */
    public static final String POOL_NAME = "chat-db";

    /** How long {@link #probe()} waits for {@code SELECT 1}. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    /** How often, on Citus, the coordinator is asked whether it reaches each worker ({@link #workers()}). */
    public static final Duration WORKER_CHECK_INTERVAL = Duration.ofSeconds(5);

    /** How long one worker may take to answer the check before it counts as unavailable. */
    static final Duration WORKER_CHECK_TIMEOUT = Duration.ofSeconds(2);

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final boolean citus;
    private final PostgresUserStore users;
    private final PostgresMessageStore messages;
    private final PostgresSessionStore sessions;
    private final PostgresBlockStore blocks;
    private final PostgresAccountErasure erasure;
    private final ExecutorService probes;
    private final ProbeWorkers workers;
    private final ScheduledExecutorService workerChecks;

    PostgresDatabase(HikariDataSource dataSource, boolean citus, ChatMetrics metrics, Duration workerCheckInterval) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.jdbi = Jdbi.create(dataSource)
                // hand-written mappers: Jdbi's ConstructorMapper specialises itself by reflection for every
                // result set, which profiles showed as a third of the send transaction's CPU
                .registerRowMapper(UserRow.class, UserRow.MAPPER)
                .registerRowMapper(DirectoryRow.class, DirectoryRow.MAPPER)
                .registerRowMapper(MessageRow.class, MessageRow.MAPPER)
                .registerRowMapper(InboxRow.class, InboxRow.MAPPER)
                .registerRowMapper(MarkersRow.class, MarkersRow.MAPPER)
                .registerRowMapper(ReactionRow.class, ReactionRow.MAPPER)
                .registerRowMapper(SessionRow.class, SessionRow.MAPPER);
        jdbi.getConfig(SqlStatements.class).setSqlLogger(new StatementTimer(metrics));
        this.users = new PostgresUserStore(jdbi);
        this.messages = new PostgresMessageStore(jdbi);
        this.sessions = new PostgresSessionStore(jdbi);
        this.blocks = new PostgresBlockStore(jdbi);
        this.erasure = new PostgresAccountErasure(jdbi);
        // the probe runs on its own thread so that a caller never waits longer than PROBE_TIMEOUT,
        // even while the pool itself waits for a connection
        this.probes = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, POOL_NAME + "-probe");
            thread.setDaemon(true);
            return thread;
        });
        this.citus = citus;
        if (citus) {
            CitusWorkerCheck check = new CitusWorkerCheck(dataSource, WORKER_CHECK_TIMEOUT, Clock.systemUTC());
            // the first round before open() returns, so that a worker already down shows at once
            check.run();
            this.workers = check;
            this.workerChecks = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, POOL_NAME + "-worker-check");
                thread.setDaemon(true);
                return thread;
            });
            long millis = workerCheckInterval.toMillis();
            workerChecks.scheduleWithFixedDelay(check, millis, millis, TimeUnit.MILLISECONDS);
        } else {
            // a single server has no workers: no thread, no query, nothing to report
            this.workers = ProbeWorkers.NONE;
            this.workerChecks = null;
        }
    }

    /**
     * Opens the pool and migrates the schema. Fails fast, within the connection timeout, when the
     * database cannot be reached or refuses the login.
     *
     * @throws StoreUnavailableException when the database does not answer
     * @throws IllegalStateException     when it answers but refuses the connection (bad password, unknown database)
     * @throws org.flywaydb.core.api.FlywayException when a migration fails
     */
    public static PostgresDatabase open(PostgresSettings settings) {
        return open(settings, ChatMetrics.NONE);
    }

    /** As {@link #open(PostgresSettings)}, reporting every statement's duration to {@code metrics}. */
    public static PostgresDatabase open(PostgresSettings settings, ChatMetrics metrics) {
        return open(settings, metrics, WORKER_CHECK_INTERVAL);
    }

    /** As {@link #open(PostgresSettings, ChatMetrics)}, checking the Citus workers at this interval (tests). */
    static PostgresDatabase open(PostgresSettings settings, ChatMetrics metrics, Duration workerCheckInterval) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(workerCheckInterval, "workerCheckInterval");
        if (workerCheckInterval.isNegative() || workerCheckInterval.isZero()) {
            throw new IllegalArgumentException("workerCheckInterval must be positive, was " + workerCheckInterval);
        }
        HikariDataSource dataSource = connect(settings);
        try {
            migrate(settings);
            return new PostgresDatabase(dataSource, citusInstalled(dataSource), metrics, workerCheckInterval);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static HikariDataSource connect(PostgresSettings settings) {
        try {
            return new HikariDataSource(poolConfig(settings));
        } catch (HikariPool.PoolInitializationException e) {
            String message = "cannot connect to PostgreSQL at " + settings.jdbcUrl() + " as user '" + settings.user()
                    + "' (connection timeout " + settings.connectionTimeout().toMillis() + " ms): " + Failures.rootMessage(e);
            if (Failures.isConnectionFailure(e)) {
                throw new StoreUnavailableException(message, e);
            }
            throw new IllegalStateException(message, e);
        }
    }

    /** The pool as {@link #open} configures it. */
    static HikariConfig poolConfig(PostgresSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        if (!settings.password().isEmpty()) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.maxPoolSize());
        long timeoutMillis = settings.connectionTimeout().toMillis();
        config.setConnectionTimeout(timeoutMillis);
        // a liveness check must not take longer than the wait it is part of
        config.setValidationTimeout(Math.min(timeoutMillis, 1_000));
        // one connection attempt at start-up: an unreachable database fails open() instead of every request
        config.setInitializationFailTimeout(1);
        // search_path of every connection, so that unqualified names (tables, sequences) resolve there
        settings.schema().ifPresent(config::setSchema);
        return config;
    }

    private static void migrate(PostgresSettings settings) {
        // Flyway holds two connections at once (schema history lock and migration), so it gets its
        // own short-lived ones instead of the pool, which may be configured with a single connection
        FluentConfiguration flyway = Flyway.configure()
                .dataSource(settings.jdbcUrl(), settings.user(), settings.password())
                .locations("classpath:db/migration")
                .failOnMissingLocations(true);
        settings.schema().ifPresent(schema -> flyway.schemas(schema).createSchemas(true));
        flyway.load().migrate();
    }

    private static boolean citusInstalled(HikariDataSource dataSource) {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(Sql.CITUS_INSTALLED)) {
            result.next();
            return result.getBoolean(1);
        } catch (SQLException e) {
            if (Failures.isConnectionFailure(e)) {
                throw new StoreUnavailableException("PostgreSQL is unavailable: " + e.getMessage(), e);
            }
            throw new IllegalStateException("cannot tell whether the citus extension is installed: " + e.getMessage(), e);
        }
    }

    /** The user ports: create, load, update, find. */
    public PostgresUserStore users() {
        return users;
    }

    /**
     * The message ports, one store for all six: append, load, conversation lists, read and
     * delivery markers, changes of messages, change streams.
     */
    public PostgresMessageStore messages() {
        return messages;
    }

    /** Login sessions and their refresh-token hashes. */
    public PostgresSessionStore sessions() {
        return sessions;
    }

    /** Who blocked whom, kept on both users' sides. */
    public PostgresBlockStore blocks() {
        return blocks;
    }

    /** The erasure of deleted accounts, one bounded step at a time. */
    public PostgresAccountErasure erasure() {
        return erasure;
    }

    /**
     * A health probe: {@code SELECT 1}, answered within about a second. It returns false instead
     * of throwing, also when the pool is exhausted or closed.
     */
    public ProbeDependency probe() {
        return this::answers;
    }

    /**
     * The database's workers as the background check last found them, for the health endpoint.
     * On Citus a thread asks the coordinator every {@link #WORKER_CHECK_INTERVAL} whether it reaches
     * each active primary worker ({@code citus_check_connection_to_node}); reading the result runs
     * no query. On plain PostgreSQL it is {@link ProbeWorkers#NONE}: no thread, no query.
     */
    public ProbeWorkers workers() {
        return workers;
    }

    /** How busy the connection pool is right now. */
    public PoolUsage poolUsage() {
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        if (pool == null) {
            return new PoolUsage(0, 0, 0, dataSource.getMaximumPoolSize());
        }
        return new PoolUsage(pool.getActiveConnections(), pool.getIdleConnections(), pool.getThreadsAwaitingConnection(),
                dataSource.getMaximumPoolSize());
    }

    /**
     * Whether the database is a Citus coordinator (the {@code citus} extension is installed). The
     * migrations then distributed the tables; on plain PostgreSQL the same tables are local.
     */
    public boolean citusEnabled() {
        return citus;
    }

    /** Closes the pool; the stores cannot be used afterwards. */
    @Override
    public void close() {
        if (workerChecks != null) {
            workerChecks.shutdownNow();
        }
        probes.shutdownNow();
        dataSource.close();
    }

    /** For tests in this package: the Jdbi instance the stores use. */
    Jdbi jdbi() {
        return jdbi;
    }

    /** For tests in this package: the pool. */
    HikariDataSource dataSource() {
        return dataSource;
    }

    private boolean answers() {
        Future<Boolean> probe;
        try {
            probe = probes.submit(this::selectOne);
        } catch (RejectedExecutionException closed) {
            return false;
        }
        try {
            return probe.get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            probe.cancel(true);
            return false;
        } catch (InterruptedException e) {
            probe.cancel(true);
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean selectOne() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout((int) PROBE_TIMEOUT.toSeconds());
            statement.execute(Sql.PROBE);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
