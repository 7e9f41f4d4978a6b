package io.chatplatform.application.service;

import io.chatplatform.application.port.in.CheckHealth;
import io.chatplatform.application.port.out.ProbeDependency;
import java.util.Objects;
import java.util.Optional;

/** Asks the database and, when there is one, the cache whether they answer. */
public final class HealthService implements CheckHealth {

    private final ProbeDependency database;
    private final Optional<ProbeDependency> cache;

    /**
     * @param database probe of the database
     * @param cache    probe of the cache; empty when the service runs without one
     */
    public HealthService(ProbeDependency database, Optional<ProbeDependency> cache) {
        this.database = Objects.requireNonNull(database, "database");
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    @Override
    public Health check() {
        DependencyState db = database.isAvailable() ? DependencyState.CONNECTED : DependencyState.UNAVAILABLE;
        DependencyState cacheState = cache
                .map(probe -> probe.isAvailable() ? DependencyState.CONNECTED : DependencyState.UNAVAILABLE)
                .orElse(DependencyState.DISABLED);
        return new Health(db, cacheState);
    }
}
