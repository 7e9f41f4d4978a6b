package io.chatplatform.adapter.redis;

import static io.chatplatform.testkit.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.chatplatform.domain.realtime.LiveEvent;
import io.chatplatform.testkit.RedisServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Redis killed, restarted, frozen and absent under two buses (two service instances): publishing
 * never throws nor waits past the timeouts, the subscription comes back by itself, and listeners
 * are told that events may have been lost. Each test runs its own redis-server.
 */
@DisplayName("RedisLiveEventBus when Redis fails")
class RedisLiveEventBusFailureTest {

    private static final Duration BOUND = RedisSettings.DEFAULT_SOCKET_TIMEOUT.plus(Duration.ofMillis(400));
    /** Shorter back-offs and keepalive than the defaults keep these tests quick. */
    private static final BreakerPolicy QUICK_CIRCUIT = new BreakerPolicy(3, Duration.ofMillis(300),
            Duration.ofSeconds(1));
    private static final LiveSubscriber.Timing QUICK = new LiveSubscriber.Timing(Duration.ofMillis(200), Duration.ofSeconds(1),
            Duration.ofMillis(100), Duration.ofMillis(500));

    private final RedisServer server = RedisServer.onFreePort();
    private final CapturedLog log = new CapturedLog(RedisLiveEventBus.class);
    private final List<RedisLiveEventBus> buses = new ArrayList<>();

    @AfterEach
    void stop() {
        buses.forEach(RedisLiveEventBus::close);
        server.close();
        log.close();
    }

    private RedisLiveEventBus bus(BreakerPolicy policy, LiveSubscriber.Timing timing) {
        RedisLiveEventBus bus = new RedisLiveEventBus(TestRedis.of(server, "chat:"), policy, timing);
        buses.add(bus);
        return bus;
    }

    private static RecordingListener listen(RedisLiveEventBus bus) {
        RecordingListener listener = new RecordingListener();
        bus.subscribe(listener, listener);
        return listener;
    }

    private static Duration timedPublish(RedisLiveEventBus bus, LiveEvent event) {
        long start = System.nanoTime();
        bus.publish(event);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** Publishes from {@code from} until {@code to} receives one event, as a client would keep sending. */
    private static void flowsAgain(RedisLiveEventBus from, RecordingListener to, Duration within) {
        int before = to.events.size();
        eventually("events flow again").atMost(within).pollInterval(Duration.ofMillis(20)).until(() -> {
            from.publish(SampleEvents.typing());
            return to.events.size() > before;
        });
    }

    @Test
    @DisplayName("survives Redis being killed and restarted: publishing skips meanwhile, both subscriptions come back "
            + "by themselves and tell their listeners of a possible loss, and events flow again")
    void redis_killed_and_restarted() {
        server.start();
        // the default back-offs: the subscriber reconnects 1 s after the loss
        RedisLiveEventBus first = bus(BreakerPolicy.DEFAULT, LiveSubscriber.Timing.DEFAULT);
        RedisLiveEventBus second = bus(BreakerPolicy.DEFAULT, LiveSubscriber.Timing.DEFAULT);
        RecordingListener onFirst = listen(first);
        RecordingListener onSecond = listen(second);
        first.publish(SampleEvents.read());
        assertThat(onSecond.awaitEvents(1)).containsExactly(SampleEvents.read());

        server.kill();
        eventually("both subscriptions noticed").atMost(Duration.ofSeconds(2)).until(() -> !first.isSubscribed() && !second.isSubscribed());
        for (int i = 0; i < 5; i++) {
            assertThat(timedPublish(first, SampleEvents.created())).isLessThan(BOUND);
        }
        assertThat(first.circuit()).as("three failures open the circuit").isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(timedPublish(first, SampleEvents.created())).as("an open circuit does not wait").isLessThan(Duration.ofMillis(20));
        assertThat(first.counters().dropped()).isEqualTo(6);
        assertThat(onFirst.losses).hasValue(0);

        server.start();

        eventually("both told of a possible loss").until(() -> onFirst.losses.get() == 1 && onSecond.losses.get() == 1);
        assertThat(first.isSubscribed()).isTrue();
        flowsAgain(first, onSecond, Duration.ofSeconds(5));
        flowsAgain(second, onFirst, Duration.ofSeconds(5));
        assertThat(onSecond.events).doesNotContain(SampleEvents.created());
        assertThat(first.counters().resubscriptions()).isEqualTo(1);
        assertThat(log.messages(Level.WARN, "live events not received: subscription to chat:live")).hasSize(2);
        assertThat(log.messages(Level.INFO, "live events received again after ")).hasSize(2);
        assertThat(log.messages(Level.WARN, "live event bus unavailable, live events are not published: ")).hasSize(1);
        assertThat(log.messages(Level.INFO, "live event bus available again after ")).hasSize(1);
    }

    @Test
    @DisplayName("starts without Redis, publishing nothing and throwing nothing, then subscribes by itself once Redis "
            + "appears and tells its listeners that events may have been lost")
    void redis_down_at_start_up() {
        long start = System.nanoTime();
        RedisLiveEventBus bus = bus(QUICK_CIRCUIT, QUICK);
        Duration connecting = Duration.ofNanos(System.nanoTime() - start);
        RecordingListener listener = listen(bus);

        assertThat(connecting).isLessThan(Duration.ofSeconds(1));
        assertThat(timedPublish(bus, SampleEvents.typing())).isLessThan(BOUND);
        assertThat(bus.isSubscribed()).isFalse();
        assertThat(bus.counters().dropped()).isEqualTo(1);
        eventually("the failed subscription logged").atMost(Duration.ofSeconds(2)).until(() -> log.messages(Level.WARN, "live events not received: subscription to chat:live").size() == 1);

        server.start();

        eventually("told of a possible loss").until(() -> listener.losses.get() == 1);
        flowsAgain(bus, listener, Duration.ofSeconds(5));
        assertThat(listener.events).allMatch(SampleEvents.typing()::equals);
    }

    @Test
    @DisplayName("notices a frozen Redis by its unanswered pings, and reconnects once it answers again")
    void redis_paused_and_resumed() {
        server.start();
        RedisLiveEventBus first = bus(QUICK_CIRCUIT, QUICK);
        RedisLiveEventBus second = bus(QUICK_CIRCUIT, QUICK);
        RecordingListener onSecond = listen(second);
        first.publish(SampleEvents.read());
        onSecond.awaitEvents(1);

        server.pause();
        try {
            assertThat(timedPublish(first, SampleEvents.created())).isLessThan(BOUND);
            eventually("the silent subscription dropped").atMost(Duration.ofSeconds(3)).until(() -> !second.isSubscribed());
            assertThat(log.messages(Level.WARN, "live events not received: subscription to chat:live"))
                    .anyMatch(message -> message.contains("no answer to keepalive pings for "));
        } finally {
            server.resume();
        }

        eventually("told of a possible loss").until(() -> onSecond.losses.get() == 1);
        flowsAgain(first, onSecond, Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("closing stops the subscriber thread promptly, even while it waits to reconnect")
    void close_is_prompt() {
        RedisLiveEventBus bus = bus(QUICK_CIRCUIT, LiveSubscriber.Timing.DEFAULT);
        eventually("the subscriber thread started").until(bus::subscriberRunning);

        long start = System.nanoTime();
        bus.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
        assertThat(bus.subscriberRunning()).isFalse();
    }
}
