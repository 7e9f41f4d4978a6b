package io.chatplatform.adapter.postgres;

import io.chatplatform.application.port.out.ProbeWorkers;
import io.chatplatform.application.port.out.WorkerCheck;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the Citus coordinator, on a schedule, whether it can reach each worker, and keeps the last
 * answer for {@link #lastCheck()}, which only reads it. One round: list the active primary workers
 * from {@code pg_dist_node}, then {@code citus_check_connection_to_node(host, port)} for each (a
 * {@code SELECT 1} from the coordinator to the worker), each in its own short transaction with a
 * connection and statement timeout, so that an unreachable host costs at most {@link #timeout}.
 *
 * <p>A round that cannot run (the coordinator does not answer, the pool has no connection) keeps
 * the previous result: the coordinator's own probe reports that outage, and the result's time
 * shows its age. State changes are logged, with the workers' addresses, once each.
 */
final class CitusWorkerCheck implements ProbeWorkers, Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(CitusWorkerCheck.class);
    private static final String QUERY_CANCELED = "57014";

    private final DataSource dataSource;
    private final Duration timeout;
    private final Clock clock;
    private final AtomicReference<Optional<WorkerCheck>> last = new AtomicReference<>(Optional.empty());
    private String lastFailure;

    CitusWorkerCheck(DataSource dataSource, Duration timeout, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<WorkerCheck> lastCheck() {
        return last.get();
    }

    /** One round; never throws (a scheduled task that throws is never run again). */
    @Override
    public void run() {
        try {
            Optional<WorkerCheck> result = check();
            report(last.getAndSet(result), result);
            if (lastFailure != null) {
                LOG.info("the Citus worker check runs again");
                lastFailure = null;
            }
        } catch (SQLException | RuntimeException e) {
            String failure = Failures.rootMessage(e);
            if (!failure.equals(lastFailure)) {
                LOG.warn("cannot check the Citus workers, keeping the last result: {}", failure);
                lastFailure = failure;
            }
        }
    }

    private record Worker(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    private Optional<WorkerCheck> check() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            List<Worker> workers = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet nodes = statement.executeQuery(Sql.ACTIVE_WORKERS)) {
                while (nodes.next()) {
                    workers.add(new Worker(nodes.getString(1), nodes.getInt(2)));
                }
            }
            if (workers.isEmpty()) {
                return Optional.empty();
            }
            List<String> unavailable = new ArrayList<>();
            for (Worker worker : workers) {
                if (!answers(connection, worker)) {
                    unavailable.add(worker.toString());
                }
            }
            return Optional.of(new WorkerCheck(workers.size(), unavailable, clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        }
    }

    /** One worker, in a transaction of its own: a timeout aborts only this one. */
    private boolean answers(Connection connection, Worker worker) throws SQLException {
        connection.setAutoCommit(false);
        try {
            String millis = Long.toString(timeout.toMillis());
            try (PreparedStatement limits = connection.prepareStatement(Sql.WORKER_CHECK_TIMEOUTS)) {
                limits.setString(1, millis);
                limits.setString(2, millis);
                limits.execute();
            }
            try (PreparedStatement check = connection.prepareStatement(Sql.CHECK_WORKER)) {
                check.setString(1, worker.host());
                check.setInt(2, worker.port());
                try (ResultSet result = check.executeQuery()) {
                    return result.next() && result.getBoolean(1);
                }
            }
        } catch (SQLException e) {
            if (QUERY_CANCELED.equals(e.getSQLState())) {
                return false; // the statement timeout: the worker did not answer in time
            }
            throw e;
        } finally {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    private static void report(Optional<WorkerCheck> before, Optional<WorkerCheck> now) {
        List<String> was = before.map(WorkerCheck::unavailable).orElse(List.of());
        List<String> is = now.map(WorkerCheck::unavailable).orElse(List.of());
        if (was.equals(is)) {
            return;
        }
        if (is.isEmpty()) {
            LOG.info("every Citus worker answers again ({} checked)", now.map(WorkerCheck::total).orElse(0));
        } else {
            LOG.warn("Citus workers do not answer the coordinator: {} ({} of {}); requests that need their shards fail",
                    is, is.size(), now.orElseThrow().total());
        }
    }
}
