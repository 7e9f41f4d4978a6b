package io.chatplatform.application.port.out;

import io.chatplatform.domain.event.DomainEvent;
import java.util.List;

/**
 * Announces committed changes to whoever listens (open connections, other instances, caches).
 * Called after the change is durable and before the caller is answered.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
@FunctionalInterface
public interface EventPublisher {

    /** Announces the event. */
    void publish(DomainEvent event);

    /** A publisher that tells no one, for an application without listeners. */
    static EventPublisher none() {
        return event -> { };
    }

    /**
     * Tells each publisher in turn. A publisher that throws does not keep the event from the
     * others; the first failure is rethrown once all were told.
     */
    static EventPublisher all(List<EventPublisher> publishers) {
        List<EventPublisher> inOrder = List.copyOf(publishers);
        return event -> {
            RuntimeException first = null;
            for (EventPublisher publisher : inOrder) {
                try {
                    publisher.publish(event);
                } catch (RuntimeException e) {
                    if (first == null) {
                        first = e;
                    } else {
                        first.addSuppressed(e);
                    }
                }
            }
            if (first != null) {
                throw first;
            }
        };
    }
}
