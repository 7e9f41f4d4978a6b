package io.chatplatform.application.port.out;

import io.chatplatform.domain.realtime.LiveEvent;
import java.util.function.Consumer;

/**
 * Carries live events to every instance of the service (including the one that publishes), so
 * that a message sent through one instance reaches a connection held by another. In process for a
 * single instance; over Redis pub/sub for several.
 *
 * <p>Delivery is at most once per subscriber and may reorder events; connections repair gaps from
 * the store (see {@link io.chatplatform.domain.realtime.DeliveryCursor}).
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface LiveEventBus {

    /** Sends the event to every subscriber of every instance. Never throws for a transport fault. */
    void publish(LiveEvent event);

    /**
     * Calls {@code listener} for every event published anywhere until the subscription is closed,
     * and {@code possibleLoss} whenever events may have been lost (the transport was interrupted).
     * Both must return quickly: they run on the bus's delivery thread.
     */
    Subscription subscribe(Consumer<LiveEvent> listener, Runnable possibleLoss);

    /** Stops a subscription. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
