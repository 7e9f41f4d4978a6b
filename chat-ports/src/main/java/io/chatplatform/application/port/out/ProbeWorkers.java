package io.chatplatform.application.port.out;

import java.util.Optional;

/**
 * The worker nodes of a distributed database (Citus), as a background check last found them.
 * Asking never reaches the database: a health endpoint can call it on every probe, however often a
 * load balancer asks, and pays nothing but a memory read. A single PostgreSQL server has no
 * workers: {@link #NONE}.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
@FunctionalInterface
public interface ProbeWorkers {

    /** For a database without workers: there is never anything to report. */
    ProbeWorkers NONE = Optional::empty;

    /** The latest check; empty when the database has no workers. Never blocks, never throws. */
    Optional<WorkerCheck> lastCheck();
}
