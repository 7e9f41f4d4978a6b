package io.chatplatform.application.port.out;

/** Asks a dependency (database, cache) whether it answers right now. */
@FunctionalInterface
public interface ProbeDependency {

    /** Whether the dependency answered a trivial request within a short time. Never throws. */
    boolean isAvailable();
}
