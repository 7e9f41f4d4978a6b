package io.chatplatform.adapter.http.internal.view;

import io.chatplatform.application.port.in.CheckHealth.Health;
import io.chatplatform.application.port.out.WorkerCheck;
import java.time.Instant;

/**
 * {@code status} is healthy, degraded or unhealthy; {@code database} connected, degraded (some
 * workers down) or unavailable; {@code cache} connected, unavailable or disabled. The first three
 * members are those the replaced service's clients read; {@code database_workers} is null without
 * workers (a single PostgreSQL server).
 */
public record HealthView(String status, String database, String cache, @Nullable DatabaseWorkers databaseWorkers) {

    /**
     * The last background check of the database's workers. Counts only: their host names are for
     * the service's log, not for anyone who can reach this endpoint.
     *
     * @param total       active primary workers checked
     * @param unavailable how many of them did not answer
     * @param checkedAt   when the check ran (every few seconds; an old time means the check cannot run)
     */
    public record DatabaseWorkers(long total, long unavailable, Instant checkedAt) {
        static DatabaseWorkers of(WorkerCheck check) {
            return new DatabaseWorkers(check.total(), check.unavailable().size(), check.checkedAt());
        }
    }

    public static HealthView of(Health health) {
        return new HealthView(health.status().label(), health.database().label(), health.cache().label(),
                health.workers().map(DatabaseWorkers::of).orElse(null));
    }
}
