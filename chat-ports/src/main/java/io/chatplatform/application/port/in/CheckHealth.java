package io.chatplatform.application.port.in;

import io.chatplatform.application.port.out.WorkerCheck;
import java.util.Objects;
import java.util.Optional;

/**
 * Reports whether the service can do its work, for load balancers and operators.
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface CheckHealth {

    Health check();

    /** The state of one dependency, as the health endpoint shows it. */
    enum DependencyState {
        /** Answered just now. */
        CONNECTED("connected"),
        /**
         * Answers, but part of it does not: some (not all) workers of a distributed database. The
         * requests that need only the parts that answer succeed; the others fail with 503.
         */
        DEGRADED("degraded"),
        /** Did not answer. */
        UNAVAILABLE("unavailable"),
        /** Not configured: the service runs without it. */
        DISABLED("disabled");

        private final String label;

        DependencyState(String label) {
            this.label = label;
        }

        /** The word the health endpoint shows. */
        public String label() {
            return label;
        }
    }

    /** The service's overall state. */
    enum Status {
        /** Everything answers. */
        HEALTHY("healthy"),
        /**
         * Serves requests, but not all of them as it should: an accelerator (the cache) is down, so
         * everything is served more slowly; or some database workers do not answer, so the requests
         * that need their data fail. Another instance would not do better: they share both.
         */
        DEGRADED("degraded"),
        /** Cannot serve: the database (its coordinator, or every worker) is down. */
        UNHEALTHY("unhealthy");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        /** The word the health endpoint shows. */
        public String label() {
            return label;
        }
    }

    /**
     * What each dependency said, and what that means for the service.
     *
     * @param database the database as a whole: its entry point answers, and (when it has workers)
     *                 how many of them answered the last check
     * @param cache    the cache
     * @param workers  the last check of the database's workers; empty when it has none
     */
    record Health(DependencyState database, DependencyState cache, Optional<WorkerCheck> workers) {
        public Health {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(cache, "cache");
            Objects.requireNonNull(workers, "workers");
        }

        /** A database without workers (a single PostgreSQL server). */
        public Health(DependencyState database, DependencyState cache) {
            this(database, cache, Optional.empty());
        }

        /**
         * Unhealthy when the database cannot serve; degraded when it serves in part (some workers
         * down) or without the cache; healthy otherwise.
         */
        public Status status() {
            if (database == DependencyState.UNAVAILABLE || database == DependencyState.DISABLED) {
                return Status.UNHEALTHY;
            }
            if (database == DependencyState.DEGRADED || cache == DependencyState.UNAVAILABLE) {
                return Status.DEGRADED;
            }
            return Status.HEALTHY;
        }
    }
}
