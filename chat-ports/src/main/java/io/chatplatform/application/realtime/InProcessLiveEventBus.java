package io.chatplatform.application.realtime;

import io.chatplatform.application.port.out.LiveEventBus;
import io.chatplatform.domain.realtime.LiveEvent;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The bus of a single instance: publishing calls every subscriber on the publisher's thread. */
public final class InProcessLiveEventBus implements LiveEventBus {

    private final List<Consumer<LiveEvent>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(LiveEvent event) {
        Objects.requireNonNull(event, "event");
        for (Consumer<LiveEvent> listener : listeners) {
            listener.accept(event);
        }
    }

    @Override
    public Subscription subscribe(Consumer<LiveEvent> listener, Runnable possibleLoss) {
        // nothing travels outside this process, so nothing can be lost
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(possibleLoss, "possibleLoss");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
