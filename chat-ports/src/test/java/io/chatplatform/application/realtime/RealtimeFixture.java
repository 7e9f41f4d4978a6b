package io.chatplatform.application.realtime;

import io.chatplatform.application.fixtures.MutableClock;
import io.chatplatform.application.inmemory.InMemoryBlockStore;
import io.chatplatform.application.inmemory.InMemoryMessageStore;
import io.chatplatform.application.inmemory.InMemoryUserStore;
import io.chatplatform.application.port.in.MarkDelivered;
import io.chatplatform.application.port.out.AppendMessage;
import io.chatplatform.application.port.out.ChatMetrics;
import io.chatplatform.application.port.out.ErrorReporter;
import io.chatplatform.application.port.out.LiveEventBus;
import io.chatplatform.application.port.out.LoadChanges;
import io.chatplatform.application.service.MessagingService;
import io.chatplatform.application.service.RateLimiting;
import io.chatplatform.domain.limit.MessageChangeLimits;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.change.MessageChangePolicy;
import io.chatplatform.domain.realtime.LiveEvent;
import io.chatplatform.domain.realtime.MessageCreated;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import io.chatplatform.testkit.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The real-time parts on in-memory ports: a store, presence, a bus that remembers what went
 * through it, a timer thread, and the failures reported. Hubs built here are closed by {@link #close()}.
 */
final class RealtimeFixture implements AutoCloseable {

    static final UserId ALICE = UserId.of(1);
    static final UserId BOB = UserId.of(2);
    static final UserId CAROL = UserId.of(3);

    /**
     * Short waits, small budgets: resume wait 200 ms, sweep 50 ms, typing 2 at once, 3 per conversation, 10 in
     * all, outbox 50; gaps filled at once (no gap wait: {@code LiveSessionTest} tests the wait apart).
     */
    static final RealtimeSettings SETTINGS = new RealtimeSettings(Duration.ofMillis(200), Duration.ofSeconds(20),
            Duration.ofSeconds(60), Duration.ofMillis(50), Duration.ofSeconds(6), 2, Duration.ofSeconds(1), 3, 100, 10, 50,
            Duration.ZERO);

    final MutableClock clock = MutableClock.at("2026-11-27T12:00:00Z");
    final InMemoryMessageStore store = new InMemoryMessageStore();
    final InProcessPresenceRegistry presence = new InProcessPresenceRegistry();
    final RecordingBus bus = new RecordingBus();
    final InMemoryBlockStore blocks = new InMemoryBlockStore();
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    /** What was reported, as "where: message". */
    final List<String> errors = new CopyOnWriteArrayList<>();
    /** The where labels counted by the metrics. */
    final List<String> counted = new CopyOnWriteArrayList<>();
    final ChatMetrics metrics = new ChatMetrics() {
        @Override
        public void libraryError(String where) {
            counted.add(where);
        }
    };
    final ErrorReporter reporter = ErrorReporter.counted((where, error) -> errors.add(where.label() + ": "
            + error.getMessage()), metrics);
    /** Records deliveries as the application does: in the store, announced on the bus. */
    final MarkDelivered deliveries = new MessagingService(new InMemoryUserStore(), store, store, store,
            new LiveEventPublisher(bus), metrics, RateLimiting.NONE, clock,
            new MessageChangePolicy(MessageChangeLimits.defaults()), blocks);
    private final List<RealtimeHub> hubs = new ArrayList<>();

    /** A hub whose connections run their work on the calling thread. */
    RealtimeHub hub() {
        return hub(SETTINGS, Runnable::run, store);
    }

    RealtimeHub hub(RealtimeSettings settings, Executor executor, LoadChanges changes) {
        RealtimeHub hub = new RealtimeHub(bus, presence, store, changes, deliveries, blocks, clock, settings, executor, scheduler,
                metrics, reporter);
        hubs.add(hub);
        return hub;
    }

    @Override
    public void close() {
        hubs.forEach(RealtimeHub::close);
        scheduler.shutdownNow();
    }

    /** Stores a message without announcing it (as if its event were still in flight, or lost). */
    Message store(UserId from, UserId to, String text) {
        return store.append(new AppendMessage.NewMessage(new AppendMessage.Participant(from, Username.of("user" + from)),
                new AppendMessage.Participant(to, Username.of("user" + to)), MessageContent.of(text), Optional.empty(),
                clock.instant())).message();
    }

    /** The live event of a stored message, at the position of its creation. */
    MessageCreated created(Message message) {
        return new MessageCreated(message, store.positionOfMessage(message.conversationId(), message.seq()));
    }

    /** Stores and announces a message, as sending does. */
    Message send(UserId from, UserId to, String text) {
        Message message = store(from, to, text);
        bus.publish(created(message));
        return message;
    }

    /** Waits for a timer's effect. */
    static void await(BooleanSupplier condition) {
        Waits.eventually("a timer's effect").until(condition::getAsBoolean);
    }

    /** The in-process bus, remembering what went through it; can report a possible loss. */
    static final class RecordingBus implements LiveEventBus {
        final InProcessLiveEventBus inner = new InProcessLiveEventBus();
        final List<LiveEvent> published = new CopyOnWriteArrayList<>();
        private final AtomicInteger subscribers = new AtomicInteger();
        private volatile Runnable lossListener = () -> { };

        @Override
        public void publish(LiveEvent event) {
            published.add(event);
            inner.publish(event);
        }

        @Override
        public Subscription subscribe(Consumer<LiveEvent> listener, Runnable possibleLoss) {
            lossListener = possibleLoss;
            Subscription subscription = inner.subscribe(listener, possibleLoss);
            subscribers.incrementAndGet();
            return () -> {
                subscription.close();
                subscribers.decrementAndGet();
            };
        }

        /** Subscriptions open now. */
        int subscribers() {
            return subscribers.get();
        }

        void loseSomething() {
            lossListener.run();
        }
    }
}
