package io.chatplatform.application.realtime;

import io.chatplatform.application.port.out.EventPublisher;
import io.chatplatform.application.port.out.LiveEventBus;
import io.chatplatform.domain.event.DomainEvent;
import io.chatplatform.domain.realtime.LiveEvents;
import java.util.Objects;

/** Puts the committed changes that open connections care about on the live event bus. */
public final class LiveEventPublisher implements EventPublisher {

    private final LiveEventBus bus;

    public LiveEventPublisher(LiveEventBus bus) {
        this.bus = Objects.requireNonNull(bus, "bus");
    }

    @Override
    public void publish(DomainEvent event) {
        LiveEvents.of(event).ifPresent(bus::publish);
    }
}
