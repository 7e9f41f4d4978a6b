package io.chatplatform.application.port.out;

/**
 * Asks a dependency (database, cache) whether it answers right now.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
@FunctionalInterface
public interface ProbeDependency {

    /** Whether the dependency answered a trivial request within a short time. Never throws. */
    boolean isAvailable();
}
