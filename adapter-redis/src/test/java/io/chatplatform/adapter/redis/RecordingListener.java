package io.chatplatform.adapter.redis;

import static io.chatplatform.testkit.Waits.eventually;

import io.chatplatform.domain.realtime.LiveEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A bus listener that remembers what it was given, and how often it was told of a possible loss. */
final class RecordingListener implements Consumer<LiveEvent>, Runnable {

    final List<LiveEvent> events = new CopyOnWriteArrayList<>();
    final AtomicInteger losses = new AtomicInteger();

    @Override
    public void accept(LiveEvent event) {
        events.add(event);
    }

    @Override
    public void run() {
        losses.incrementAndGet();
    }

    /** The events received, after waiting up to 5 s for at least {@code count}. */
    List<LiveEvent> awaitEvents(int count) {
        eventually(count + " events (have " + events.size() + ")").until(() -> events.size() >= count);
        return List.copyOf(events);
    }

}
