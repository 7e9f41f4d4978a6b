package io.chatplatform.adapter.redis;

import io.chatplatform.application.port.out.LiveEventBus;
import io.chatplatform.domain.realtime.LiveEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live events between the service's instances over Redis pub/sub (docs/realtime-redis.md: channel,
 * encoding, delivery semantics, failures).
 *
 * <p>{@link #publish} sends each event as compact JSON on the channel {@code <prefix>live}, from
 * the caller's thread, through a small connection pool. A dedicated thread keeps the channel
 * subscribed on a connection of its own (outside the pool), decodes what arrives and calls every
 * listener, in the order Redis delivered. Each instance receives its own events too.
 *
 * <p>Delivery is at most once: Redis keeps nothing for a subscriber that is not connected. When
 * the subscription breaks, the subscriber reconnects by itself (after 1 s, doubling up to 30 s),
 * and once subscribed again calls every listener's {@code possibleLoss}, so that connections can
 * tell their clients to resume. A subscription that goes silent (a frozen server, a dropped
 * network path) is noticed by a keepalive {@code PING} and treated the same way.
 *
 * <p>{@link #publish} never throws for a Redis fault and never waits longer than the timeouts: a
 * failed or skipped publish is counted ({@link Counters#dropped()}). A circuit breaker
 * ({@link GuardedRedis}) stops publishing after repeated failures and tries again after a back-off, logging once when it
 * opens and once when it closes. Redis being down at start-up is no error: the bus starts without
 * it, publishes nothing until it answers, and subscribes as soon as it can.
 */
public final class RedisLiveEventBus implements LiveEventBus, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLiveEventBus.class);

    static final GuardedRedis.Subject SUBJECT =
            new GuardedRedis.Subject(RedisLiveEventBus.class, "live event bus", "live events are not published");

    /**
     * What went through the bus since start-up.
     *
     * @param published       events handed to Redis
     * @param dropped         events not published: Redis failed, or was not used while the circuit was open
     * @param received        events received and given to the listeners
     * @param malformed       messages on the channel that were no event this version can read, and were skipped
     * @param resubscriptions times the subscription was made again after events may have been lost
     */
    public record Counters(long published, long dropped, long received, long malformed, long resubscriptions) {
    }

    private final RedisSettings settings;
    private final String channel;
    private final GuardedRedis publisher;
    private final LiveSubscriber subscriber;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder published = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final AtomicBoolean malformedLogged = new AtomicBoolean();
    private volatile boolean closed;

    /**
     * A bus on the server {@code settings} name, with connections of its own (it shares nothing
     * with the cache or the presence registry). Waits briefly (the connect and socket timeouts) for
     * the subscription, so that events published once this returns are received; does not fail
     * when Redis is unreachable.
     */
    public static RedisLiveEventBus connect(RedisSettings settings) {
        return new RedisLiveEventBus(RedisConnections.open(settings), true, BreakerPolicy.DEFAULT,
                LiveSubscriber.Timing.DEFAULT);
    }

    /**
     * As {@link #connect(RedisSettings)}, publishing through the instance's shared
     * {@code connections} (which closing the bus leaves open); the subscription still has a
     * connection of its own.
     */
    public static RedisLiveEventBus connect(RedisConnections connections) {
        return new RedisLiveEventBus(connections, false, BreakerPolicy.DEFAULT, LiveSubscriber.Timing.DEFAULT);
    }

    RedisLiveEventBus(RedisSettings settings, BreakerPolicy policy, LiveSubscriber.Timing timing) {
        this(RedisConnections.open(settings), true, policy, timing);
    }

    private RedisLiveEventBus(RedisConnections connections, boolean ownsConnections, BreakerPolicy policy,
                              LiveSubscriber.Timing timing) {
        // the codec's initializer must not first run on a virtual thread (see LiveEventCodec.initialize)
        LiveEventCodec.initialize();
        this.settings = connections.settings();
        this.channel = new RedisKeys(settings.keyPrefix()).liveChannel();
        this.publisher = new GuardedRedis(connections, ownsConnections, SUBJECT, policy, GuardedRedis.Probe.loading(List.of()));
        boolean publishing = publisher.start();
        this.subscriber = new LiveSubscriber(settings, channel, timing, this::receive, this::possibleLoss);
        Duration wait = settings.connectTimeout().plus(settings.socketTimeout());
        if (publishing && subscriber.awaitFirstSubscription(wait)) {
            LOG.info("live events on Redis at {} (channel {})", settings.address(), channel);
        }
    }

    /** Publishes the event to every instance; never throws for a Redis fault (the event is then dropped and counted). */
    @Override
    public void publish(LiveEvent event) {
        Objects.requireNonNull(event, "event");
        if (closed) {
            dropped.increment();
            return;
        }
        String json;
        try {
            json = LiveEventCodec.encode(event);
        } catch (RuntimeException e) {
            dropped.increment();
            LOG.warn("cannot encode a live event of type {}", event.getClass().getSimpleName(), e);
            return;
        }
        Optional<Long> sent = publisher.call(client -> client.publish(channel, json));
        if (sent.isPresent()) {
            published.increment();
        } else {
            dropped.increment();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Both run on the bus's subscriber thread; a listener that throws is logged and does not
     * stop the others nor the subscription.
     */
    @Override
    public Subscription subscribe(Consumer<LiveEvent> listener, Runnable possibleLoss) {
        Listener subscribed = new Listener(Objects.requireNonNull(listener, "listener"),
                Objects.requireNonNull(possibleLoss, "possibleLoss"));
        listeners.add(subscribed);
        return () -> listeners.remove(subscribed);
    }

    public Counters counters() {
        return new Counters(published.sum(), dropped.sum(), received.sum(), malformed.sum(), subscriber.resubscriptions());
    }

    /** Stops the subscriber thread and closes every connection. Listeners are called no more. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        subscriber.close();
        publisher.close();
        listeners.clear();
    }

    /** Whether the channel is subscribed now. */
    boolean isSubscribed() {
        return subscriber.isSubscribed();
    }

    /** Whether the subscriber thread still runs. */
    boolean subscriberRunning() {
        return subscriber.isRunning();
    }

    /** The publisher's circuit, read without probing. */
    CircuitBreaker.State circuit() {
        return publisher.circuit();
    }

    @Override
    public String toString() {
        return "RedisLiveEventBus[" + settings.address() + ", channel " + channel + ", "
                + (subscriber.isSubscribed() ? "subscribed" : "not subscribed") + ", circuit "
                + GuardedRedis.label(publisher.circuit()) + "]";
    }

    /** On the subscriber thread. */
    private void receive(String json) {
        if (closed) {
            return;
        }
        Optional<LiveEvent> decoded = LiveEventCodec.decode(json);
        if (decoded.isEmpty()) {
            malformed.increment();
            if (malformedLogged.compareAndSet(false, true)) {
                LOG.warn("skipping a message on {} that is no live event this version can read (logged once): {}", channel,
                        json.length() > 200 ? json.substring(0, 200) + "..." : json);
            }
            return;
        }
        received.increment();
        LiveEvent event = decoded.get();
        for (Listener listener : listeners) {
            try {
                listener.events().accept(event);
            } catch (RuntimeException e) {
                LOG.warn("a live event listener failed", e);
            }
        }
    }

    /** On the subscriber thread, once subscribed again after an interruption. */
    private void possibleLoss() {
        if (closed) {
            return;
        }
        for (Listener listener : listeners) {
            try {
                listener.possibleLoss().run();
            } catch (RuntimeException e) {
                LOG.warn("a live event listener failed on possible loss", e);
            }
        }
    }

    /** A subscription; compared by identity, so the same callbacks may be subscribed twice. */
    private static final class Listener {

        private final Consumer<LiveEvent> events;
        private final Runnable possibleLoss;

        Listener(Consumer<LiveEvent> events, Runnable possibleLoss) {
            this.events = events;
            this.possibleLoss = possibleLoss;
        }

        Consumer<LiveEvent> events() {
            return events;
        }

        Runnable possibleLoss() {
            return possibleLoss;
        }
    }
}
