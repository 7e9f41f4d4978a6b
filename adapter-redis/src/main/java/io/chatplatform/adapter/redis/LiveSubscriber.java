package io.chatplatform.adapter.redis;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Keeps one channel subscribed, on a connection of its own and a thread of its own, for as long
 * as it is open: hands every message to {@code onMessage} on that thread and, whenever the
 * subscription is made again after messages may have been missed, calls {@code onResubscribed}.
 *
 * <ul>
 *   <li><b>Reconnecting.</b> When the connection breaks or cannot be made, the next attempt comes
 *       after a back-off that starts at {@link Timing#initialBackoff()} and doubles up to
 *       {@link Timing#maxBackoff()}; a subscription that succeeds resets it.</li>
 *   <li><b>Keepalive.</b> A subscribed connection waits for messages without a read timeout (Jedis
 *       makes it infinite), so a server that froze or a network that silently dropped the
 *       connection would go unnoticed. A watchdog sends {@code PING} on the subscription every
 *       {@link Timing#keepalive()}; when nothing at all (message, pong, subscription reply) has
 *       come for {@link Timing#silenceLimit()}, it closes the connection, which makes the
 *       subscriber thread reconnect.</li>
 *   <li><b>Logging.</b> Once per outage: WARN when the subscription is lost (or cannot be made at
 *       start-up), INFO when it is back; each failed attempt in between at DEBUG.</li>
 * </ul>
 */
final class LiveSubscriber implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLiveEventBus.class);

    /**
     * How quickly to reconnect and to notice a dead connection.
     *
     * @param initialBackoff wait before the first reconnection attempt after a failure
     * @param maxBackoff     the longest wait between attempts; the wait doubles up to it
     * @param keepalive      how often the subscription is pinged
     * @param silenceLimit   how long without any reply before the connection counts as dead
     */
    record Timing(Duration initialBackoff, Duration maxBackoff, Duration keepalive, Duration silenceLimit) {

        /** Reconnect after 1 s, doubling to 30 s; ping every 2 s, give up on a connection silent for 6 s. */
        static final Timing DEFAULT = new Timing(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(2),
                Duration.ofSeconds(6));

        Timing {
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(keepalive, "keepalive");
            Objects.requireNonNull(silenceLimit, "silenceLimit");
            if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("back-offs must be positive with max >= initial, were " + initialBackoff
                        + " and " + maxBackoff);
            }
            if (keepalive.isNegative() || keepalive.isZero() || silenceLimit.compareTo(keepalive) <= 0) {
                throw new IllegalArgumentException("keepalive must be positive and shorter than silenceLimit, were "
                        + keepalive + " and " + silenceLimit);
            }
        }
    }

    private final RedisSettings settings;
    private final String channel;
    private final Timing timing;
    private final Consumer<String> onMessage;
    private final Runnable onResubscribed;
    private final Thread thread;
    private final ScheduledExecutorService watchdog;
    private final CountDownLatch firstSubscription = new CountDownLatch(1);
    private final LongAdder resubscriptions = new LongAdder();

    private volatile boolean closed;
    /** The connection the subscriber thread uses now, for the watchdog and for closing; null between attempts. */
    private volatile Jedis connection;
    private volatile Pump pump;
    /** When anything last came on the connection in use ({@link System#nanoTime()}). */
    private volatile long lastHeard;
    /** Why the watchdog dropped the connection in use, if it did: the reason to log instead of "socket closed". */
    private volatile String droppedBecause;

    // touched by the subscriber thread only
    private boolean missedSome;
    private boolean outage;
    private long outageSince;

    LiveSubscriber(RedisSettings settings, String channel, Timing timing, Consumer<String> onMessage,
                   Runnable onResubscribed) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.onMessage = Objects.requireNonNull(onMessage, "onMessage");
        this.onResubscribed = Objects.requireNonNull(onResubscribed, "onResubscribed");
        this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread watcher = new Thread(runnable, "redis-live-keepalive");
            watcher.setDaemon(true);
            return watcher;
        });
        this.thread = new Thread(this::run, "redis-live-subscriber");
        this.thread.setDaemon(true);
        this.thread.start();
        long every = timing.keepalive().toMillis();
        watchdog.scheduleWithFixedDelay(this::watch, every, every, TimeUnit.MILLISECONDS);
    }

    /** Waits up to {@code timeout} for the first subscription; answers whether it was made. */
    boolean awaitFirstSubscription(Duration timeout) {
        try {
            return firstSubscription.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the channel is subscribed now. */
    boolean isSubscribed() {
        Pump current = pump;
        return current != null && current.isSubscribed();
    }

    /** How often the subscription was made again after events may have been missed. */
    long resubscriptions() {
        return resubscriptions.sum();
    }

    /** Whether the subscriber thread still runs: until {@link #close()} returns. */
    boolean isRunning() {
        return thread.isAlive();
    }

    /** Stops the thread and the watchdog, closing the connection. */
    @Override
    public void close() {
        closed = true;
        watchdog.shutdownNow();
        Jedis current = connection;
        if (current != null) {
            forceDisconnect(current);
        }
        thread.interrupt();
        try {
            // a connection attempt under way ends within its timeouts
            thread.join(settings.connectTimeout().plus(settings.socketTimeout()).plusSeconds(1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        Duration backoff = timing.initialBackoff();
        while (!closed) {
            Pump attempt = new Pump();
            RuntimeException failure;
            try {
                failure = subscribe(attempt);
            } catch (RuntimeException e) {
                failure = e;
            }
            if (closed) {
                return;
            }
            if (attempt.wasSubscribed) {
                backoff = timing.initialBackoff();
            }
            lost(failure);
            if (!sleep(backoff)) {
                return;
            }
            Duration doubled = backoff.multipliedBy(2);
            backoff = doubled.compareTo(timing.maxBackoff()) > 0 ? timing.maxBackoff() : doubled;
        }
    }

    /** One connection's life: connects, subscribes and delivers until the connection breaks. */
    private RuntimeException subscribe(Pump attempt) {
        Jedis jedis = RedisConnections.dedicated(settings);
        try {
            lastHeard = System.nanoTime();
            droppedBecause = null;
            pump = attempt;
            connection = jedis;
            if (closed) {
                return null;
            }
            // returns only once unsubscribed, which nothing here does: a return is a loss like any other
            jedis.subscribe(attempt, channel);
            return new IllegalStateException("the subscription to " + channel + " ended");
        } finally {
            connection = null;
            pump = null;
            try {
                jedis.close();
            } catch (RuntimeException e) {
                // already broken
            }
        }
    }

    /** On the subscriber thread: the channel is subscribed (again). */
    private void subscribed() {
        firstSubscription.countDown();
        if (outage) {
            long downMillis = Duration.ofNanos(System.nanoTime() - outageSince).toMillis();
            LOG.info("live events received again after {} ms (channel {}); listeners told that events may have been lost",
                    downMillis, channel);
            outage = false;
        }
        if (missedSome) {
            missedSome = false;
            resubscriptions.increment();
            onResubscribed.run();
        }
    }

    /** On the subscriber thread: an attempt failed or a subscription broke. */
    private void lost(RuntimeException failure) {
        missedSome = true;
        String dropped = droppedBecause;
        String reason = dropped != null ? dropped : failure == null ? "closed" : GuardedRedis.reason(failure);
        if (!outage) {
            outage = true;
            outageSince = System.nanoTime();
            LOG.warn("live events not received: subscription to {} at {} failed, reconnecting with back-off: {}", channel,
                    settings.address(), reason);
        } else {
            LOG.debug("live event subscription still failing: {}", reason);
        }
    }

    private boolean sleep(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** On the watchdog: pings a live subscription, and drops a connection that has gone silent. */
    private void watch() {
        Jedis current = connection;
        if (current == null || closed) {
            return;
        }
        long silentNanos = System.nanoTime() - lastHeard;
        if (silentNanos > timing.silenceLimit().toNanos()) {
            droppedBecause = "no answer to keepalive pings for " + Duration.ofNanos(silentNanos).toMillis() + " ms";
            forceDisconnect(current);
            return;
        }
        Pump subscribed = pump;
        if (subscribed != null && subscribed.isSubscribed()) {
            try {
                subscribed.ping();
            } catch (RuntimeException e) {
                // the subscriber thread notices the broken connection itself
            }
        }
    }

    private static void forceDisconnect(Jedis jedis) {
        try {
            jedis.getConnection().forceDisconnect();
        } catch (IOException | RuntimeException e) {
            // closing a connection that is already gone
        }
    }

    /** One subscription's callbacks, all on the subscriber thread. */
    private final class Pump extends JedisPubSub {

        private boolean wasSubscribed;

        @Override
        public void onSubscribe(String subscribedChannel, int subscribedChannels) {
            lastHeard = System.nanoTime();
            wasSubscribed = true;
            subscribed();
        }

        @Override
        public void onMessage(String fromChannel, String message) {
            lastHeard = System.nanoTime();
            try {
                onMessage.accept(message);
            } catch (RuntimeException e) {
                // never let a delivery fault look like a broken connection
                LOG.warn("delivering a live event failed", e);
            }
        }

        @Override
        public void onPong(String pattern) {
            lastHeard = System.nanoTime();
        }
    }
}
