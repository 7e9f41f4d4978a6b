package io.chatplatform.application.port.in;

import java.util.Objects;

/** Reports whether the service can do its work, for load balancers and operators. */
public interface CheckHealth {

    Health check();

    /** The state of one dependency, as the health endpoint shows it. */
    enum DependencyState {
        /** Answered just now. */
        CONNECTED("connected"),
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
        /** Serves every request, more slowly: an accelerator (the cache) is down. */
        DEGRADED("degraded"),
        /** Cannot serve: the database is down. */
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

    /** What each dependency said, and what that means for the service. */
    record Health(DependencyState database, DependencyState cache) {
        public Health {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(cache, "cache");
        }

        /** Unhealthy without the database; degraded without the cache; healthy otherwise. */
        public Status status() {
            if (database != DependencyState.CONNECTED) {
                return Status.UNHEALTHY;
            }
            return cache == DependencyState.UNAVAILABLE ? Status.DEGRADED : Status.HEALTHY;
        }
    }
}
