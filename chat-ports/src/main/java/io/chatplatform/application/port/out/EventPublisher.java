package io.chatplatform.application.port.out;

import io.chatplatform.domain.event.DomainEvent;

/**
 * Announces committed changes to whoever listens (open connections, other instances, caches).
 * Called after the change is durable; an implementation must not throw for a listener's fault.
 */
@FunctionalInterface
public interface EventPublisher {

    /** Announces the event. */
    void publish(DomainEvent event);

    /** A publisher that tells no one, for an application without listeners. */
    static EventPublisher none() {
        return event -> { };
    }
}
