package io.chatplatform.bootstrap;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Two service instances of one {@link ServiceEnvironment} that share its PostgreSQL schema and its
 * Redis prefix, as two instances behind a load balancer do, with an HTTP client for each.
 */
final class TwoInstances implements AutoCloseable {

    private final ServiceEnvironment environment;
    private final ChatServer first;
    private final ChatServer second;
    /** Talks to the first instance. */
    final Http one;
    /** Talks to the second instance. */
    final Http two;

    private TwoInstances(ServiceEnvironment environment, ChatServer first, ChatServer second) {
        this.environment = environment;
        this.first = first;
        this.second = second;
        this.one = new Http(first.port());
        this.two = new Http(second.port());
    }

    /** Starts both, with the shared Redis and {@code extra} variables; cleans up if the second fails to start. */
    static TwoInstances start(Path dataDir, Map<String, String> extra) {
        ServiceEnvironment environment = new ServiceEnvironment(dataDir);
        Map<String, String> env = new HashMap<>(environment.sharedRedis());
        env.putAll(extra);
        ChatServer first = environment.start(env);
        try {
            return new TwoInstances(environment, first, environment.start(env));
        } catch (RuntimeException e) {
            first.close();
            environment.cleanUp();
            throw e;
        }
    }

    /** The second instance. */
    ChatServer second() {
        return second;
    }

    /** Stops both instances and drops the shared schema. */
    @Override
    public void close() {
        try {
            first.close();
            second.close();
        } finally {
            environment.cleanUp();
        }
    }
}
