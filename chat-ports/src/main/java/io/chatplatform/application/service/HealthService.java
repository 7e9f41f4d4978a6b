package io.chatplatform.application.service;

import io.chatplatform.application.port.in.CheckHealth;
import io.chatplatform.application.port.out.ProbeDependency;
import io.chatplatform.application.port.out.ProbeWorkers;
import io.chatplatform.application.port.out.WorkerCheck;
import java.util.Objects;
import java.util.Optional;

/**
 * Asks the database and, when there is one, the cache whether they answer, and reads what the
 * last background check of the database's workers found (no query per health check).
 */
public final class HealthService implements CheckHealth {

    private final ProbeDependency database;
    private final ProbeWorkers workers;
    private final Optional<ProbeDependency> cache;

    /**
     * For a database without workers.
     *
     * @param database probe of the database
     * @param cache    probe of the cache; empty when the service runs without one
     */
    public HealthService(ProbeDependency database, Optional<ProbeDependency> cache) {
        this(database, ProbeWorkers.NONE, cache);
    }

    /**
     * @param database probe of the database's entry point (the Citus coordinator)
     * @param workers  the database's workers as last checked; {@link ProbeWorkers#NONE} without workers
     * @param cache    probe of the cache; empty when the service runs without one
     */
    public HealthService(ProbeDependency database, ProbeWorkers workers, Optional<ProbeDependency> cache) {
        this.database = Objects.requireNonNull(database, "database");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public Health check() {
        Optional<WorkerCheck> workerCheck = workers.lastCheck();
        DependencyState db = database.isAvailable() ? state(workerCheck) : DependencyState.UNAVAILABLE;
        DependencyState cacheState = cache
                .map(probe -> probe.isAvailable() ? DependencyState.CONNECTED : DependencyState.UNAVAILABLE)
                .orElse(DependencyState.DISABLED);
        return new Health(db, cacheState, workerCheck);
    }

    /** The database as a whole, once its entry point answered: as good as its workers. */
    private static DependencyState state(Optional<WorkerCheck> workers) {
        if (workers.isEmpty() || workers.get().allAvailable()) {
            return DependencyState.CONNECTED;
        }
        return workers.get().noneAvailable() ? DependencyState.UNAVAILABLE : DependencyState.DEGRADED;
    }
}
