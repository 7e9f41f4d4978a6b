package io.chatplatform.adapter.postgres;

import static io.chatplatform.testkit.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.port.in.CheckHealth.DependencyState;
import io.chatplatform.application.port.in.CheckHealth.Health;
import io.chatplatform.application.port.in.CheckHealth.Status;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.application.port.out.WorkerCheck;
import io.chatplatform.application.service.HealthService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The background check of the Citus workers, against a real cluster: a worker that stops answering
 * shows in the health within the check interval, and goes away once it answers again. A worker
 * "stops answering" by pointing its pg_dist_node entry at a closed port for the duration of the
 * test ({@code citus_update_node}, which needs a superuser), and back. Runs only with the
 * {@code citus} Maven profile.
 */
@EnabledIfSystemProperty(named = "chat.test.citus", matches = "true")
@DisplayName("on Citus, the worker check")
class CitusWorkerCheckTest {

    private static final Duration INTERVAL = Duration.ofMillis(200);

    @RegisterExtension
    static final FreshSchema db = new FreshSchema();

    private static PostgresDatabase checked;

    @BeforeAll
    static void open() {
        checked = PostgresDatabase.open(TestDatabase.server().withSchema(db.schema()), ChatMetrics.NONE, INTERVAL);
    }

    @AfterAll
    static void close() {
        checked.close();
    }

    private static long activeWorkers() {
        return db.count("SELECT count(*) FROM pg_dist_node WHERE isactive AND noderole = 'primary' AND groupid <> 0");
    }

    /** Waits up to 10 s (50 intervals) for the check to find what {@code expected} describes. */
    private static WorkerCheck awaitCheck(Predicate<WorkerCheck> expected) {
        return eventually("a worker check as expected").atMost(Duration.ofSeconds(10)).pollInterval(INTERVAL.dividedBy(4))
                .until(() -> checked.workers().lastCheck(), last -> last.isPresent() && expected.test(last.get()))
                .get();
    }

    @Test
    @DisplayName("has a result as soon as the database is open: every active primary worker, all answering")
    void first_result_at_open() {
        try (PostgresDatabase fresh = PostgresDatabase.open(TestDatabase.server().withSchema(db.schema()))) {
            WorkerCheck check = fresh.workers().lastCheck().orElseThrow();

            assertThat(check.total()).isEqualTo(activeWorkers()).isGreaterThanOrEqualTo(1);
            assertThat(check.unavailable()).isEmpty();
            assertThat(check.checkedAt()).isBefore(Instant.now().plusSeconds(1));
        }
    }

    @Test
    @DisplayName("runs again every interval: the check time moves on")
    void repeats() {
        Instant first = checked.workers().lastCheck().orElseThrow().checkedAt();

        WorkerCheck later = awaitCheck(check -> check.checkedAt().isAfter(first));

        assertThat(later.allAvailable()).isTrue();
    }

    @Test
    @DisplayName("reports a worker that stops answering within the interval, degrading the health, and clears it once it answers")
    void worker_down_and_back() {
        long nodeId = db.count("SELECT min(nodeid) FROM pg_dist_node WHERE isactive AND noderole = 'primary' AND groupid <> 0");
        String host = db.database().jdbi().withHandle(handle -> handle
                .createQuery("SELECT nodename FROM pg_dist_node WHERE nodeid = ?").bind(0, nodeId).mapTo(String.class).one());
        long port = db.count("SELECT nodeport FROM pg_dist_node WHERE nodeid = ?", nodeId);
        int closedPort = closedPort();
        HealthService health = new HealthService(checked.probe(), checked.workers(), Optional.empty());
        try {
            moveNode(nodeId, "127.0.0.1", closedPort);
            long moved = System.nanoTime();

            WorkerCheck down = awaitCheck(check -> check.unavailable().contains("127.0.0.1:" + closedPort));
            Duration noticed = Duration.ofNanos(System.nanoTime() - moved);
            Health degraded = health.check();

            assertThat(down.unavailable()).hasSize(1);
            assertThat(degraded.database()).isEqualTo(activeWorkers() == 1 ? DependencyState.UNAVAILABLE : DependencyState.DEGRADED);
            assertThat(degraded.status()).isIn(Status.DEGRADED, Status.UNHEALTHY);
            System.out.printf("worker check: a worker that stopped answering was reported after %d ms (interval %d ms)%n",
                    noticed.toMillis(), INTERVAL.toMillis());
        } finally {
            moveNode(nodeId, host, (int) port);
        }

        assertThat(awaitCheck(WorkerCheck::allAvailable).total()).isEqualTo(activeWorkers());
        assertThat(health.check().status()).isEqualTo(Status.HEALTHY);
        awaitMetadataSynced();
    }

    @Test
    @DisplayName("keeps its last result when a round cannot run (the pool is closed)")
    void keeps_last_result() {
        PostgresDatabase database = PostgresDatabase.open(TestDatabase.server().withSchema(db.schema()));
        CitusWorkerCheck check = new CitusWorkerCheck(database.dataSource(), Duration.ofSeconds(1), Clock.systemUTC());
        check.run();
        Optional<WorkerCheck> before = check.lastCheck();
        database.close();

        check.run();

        assertThat(before).isPresent();
        assertThat(check.lastCheck()).isEqualTo(before);
    }

    private static void moveNode(long nodeId, String host, int port) {
        TestDatabase.execute("SELECT citus_update_node(" + nodeId + ", '" + host + "', " + port + ")");
    }

    /** citus_update_node leaves the other nodes' copies of the metadata to the maintenance daemon; later tests need them. */
    private static void awaitMetadataSynced() {
        eventually("metadata synced to every node again").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> db.count("SELECT count(*) FROM pg_dist_node WHERE hasmetadata AND NOT metadatasynced") == 0);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
