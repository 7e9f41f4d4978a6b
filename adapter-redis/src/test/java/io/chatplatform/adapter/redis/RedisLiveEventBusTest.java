package io.chatplatform.adapter.redis;

import static io.chatplatform.testkit.Waits.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.chatplatform.application.port.out.LiveEventBus.Subscription;
import io.chatplatform.domain.realtime.LiveEvent;
import io.chatplatform.domain.realtime.Typing;
import io.chatplatform.testkit.RedisServer;
import io.chatplatform.testkit.SharedRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * Two buses on the machine's Redis stand for two instances of the service. The class has a
 * channel of its own (its key prefix), so other test runs on the same Redis never interfere.
 */
@DisplayName("RedisLiveEventBus between two instances")
class RedisLiveEventBusTest {

    private static final String PREFIX = SharedRedis.freshPrefix();
    private static RedisLiveEventBus first;
    private static RedisLiveEventBus second;

    private final List<Subscription> subscriptions = new ArrayList<>();

    @BeforeAll
    static void connect() {
        first = RedisLiveEventBus.connect(TestRedis.shared(PREFIX));
        second = RedisLiveEventBus.connect(TestRedis.shared(PREFIX));
    }

    @AfterAll
    static void close() {
        first.close();
        second.close();
    }

    @AfterEach
    void unsubscribe() {
        subscriptions.forEach(Subscription::close);
    }

    private RecordingListener listen(RedisLiveEventBus bus) {
        RecordingListener listener = new RecordingListener();
        subscriptions.add(bus.subscribe(listener, listener));
        return listener;
    }

    @Test
    @DisplayName("connecting subscribes before it returns, so the first event published is received")
    void subscribed_on_return() {
        try (RedisLiveEventBus third = RedisLiveEventBus.connect(TestRedis.shared(PREFIX))) {
            assertThat(third.isSubscribed()).isTrue();
            RecordingListener listener = new RecordingListener();
            third.subscribe(listener, listener);

            first.publish(SampleEvents.typing());

            assertThat(listener.awaitEvents(1)).containsExactly(SampleEvents.typing());
        }
    }

    @Test
    @DisplayName("every kind of event reaches the other instance and the publisher's own listeners, equal and in order")
    void round_trip_of_every_kind() {
        RecordingListener onSecond = listen(second);
        RecordingListener onFirst = listen(first);
        long publishedBefore = first.counters().published();
        long receivedBefore = second.counters().received();

        SampleEvents.all().forEach(first::publish);

        List<LiveEvent> received = onSecond.awaitEvents(SampleEvents.all().size());
        assertThat(received).containsExactlyElementsOf(SampleEvents.all());
        for (int i = 0; i < received.size(); i++) {
            assertThat(received.get(i).audience()).isEqualTo(SampleEvents.all().get(i).audience());
        }
        assertThat(onFirst.awaitEvents(SampleEvents.all().size())).containsExactlyElementsOf(SampleEvents.all());
        assertThat(first.counters().published() - publishedBefore).isEqualTo(SampleEvents.all().size());
        assertThat(second.counters().received() - receivedBefore).isEqualTo(SampleEvents.all().size());
        assertThat(onSecond.losses).hasValue(0);
    }

    @Test
    @DisplayName("a closed subscription gets nothing more; the others still do")
    void closing_a_subscription() {
        RecordingListener staying = listen(second);
        RecordingListener leaving = new RecordingListener();
        Subscription subscription = second.subscribe(leaving, leaving);
        first.publish(SampleEvents.read());
        leaving.awaitEvents(1);

        subscription.close();
        first.publish(SampleEvents.typing());

        assertThat(staying.awaitEvents(2)).containsExactly(SampleEvents.read(), SampleEvents.typing());
        assertThat(leaving.events).containsExactly(SampleEvents.read());
    }

    @Test
    @DisplayName("a listener that throws neither stops the other listeners nor the subscription")
    void failing_listener() {
        subscriptions.add(second.subscribe(event -> {
            throw new IllegalStateException("listener bug");
        }, () -> { }));
        RecordingListener healthy = listen(second);

        first.publish(SampleEvents.offline());
        first.publish(SampleEvents.created());

        assertThat(healthy.awaitEvents(2)).containsExactly(SampleEvents.offline(), SampleEvents.created());
        assertThat(second.isSubscribed()).isTrue();
        assertThat(second.counters().resubscriptions()).isZero();
    }

    @Test
    @DisplayName("skips and counts a message on the channel that is no event, logging it once")
    void malformed_messages() {
        RecordingListener listener = listen(second);
        long before = second.counters().malformed();
        try (CapturedLog log = new CapturedLog(RedisLiveEventBus.class); UnifiedJedis redis = SharedRedis.client()) {
            redis.publish(PREFIX + "live", "{\"k\":\"reaction\"}");
            redis.publish(PREFIX + "live", "garbage");
            first.publish(SampleEvents.read());

            assertThat(listener.awaitEvents(1)).containsExactly(SampleEvents.read());
            assertThat(second.counters().malformed() - before).isEqualTo(2);
            // once per bus: the first malformed message, not the second
            assertThat(log.messages(Level.WARN, "skipping a message on " + PREFIX + "live"))
                    .isNotEmpty().allMatch(message -> message.endsWith("{\"k\":\"reaction\"}"));
        }
    }

    @Test
    @DisplayName("instances under another key prefix are on another channel")
    void channels_are_separated_by_prefix() {
        RecordingListener ours = listen(second);
        try (RedisLiveEventBus elsewhere = RedisLiveEventBus.connect(TestRedis.shared(SharedRedis.freshPrefix()))) {
            RecordingListener theirs = new RecordingListener();
            elsewhere.subscribe(theirs, theirs);

            elsewhere.publish(SampleEvents.offline());
            first.publish(SampleEvents.read());

            assertThat(ours.awaitEvents(1)).containsExactly(SampleEvents.read());
            assertThat(theirs.awaitEvents(1)).containsExactly(SampleEvents.offline());
        }
    }

    @Test
    @DisplayName("an idle subscription is kept alive by its pings, without reconnecting")
    void idle_subscription_stays() {
        LiveSubscriber.Timing quick = new LiveSubscriber.Timing(Duration.ofMillis(100), Duration.ofMillis(400),
                Duration.ofMillis(50), Duration.ofMillis(200));
        try (RedisLiveEventBus idle = new RedisLiveEventBus(TestRedis.shared(PREFIX), BreakerPolicy.DEFAULT, quick)) {
            RecordingListener listener = new RecordingListener();
            idle.subscribe(listener, listener);

            // idle for more than twice the ping timeout: the pings alone must keep the subscription
            eventually("no resubscription while idle").during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .pollInterval(Duration.ofMillis(50)).until(() -> idle.counters().resubscriptions() == 0);
            first.publish(new Typing(SampleEvents.BOB, SampleEvents.ALICE, SampleEvents.AT));

            assertThat(listener.awaitEvents(1)).hasSize(1);
            assertThat(idle.counters().resubscriptions()).isZero();
            assertThat(listener.losses).hasValue(0);
        }
    }

    @Test
    @DisplayName("a closed bus publishes nothing and tells its listeners nothing more")
    void closed_bus() {
        RedisLiveEventBus closing = RedisLiveEventBus.connect(TestRedis.shared(PREFIX));
        RecordingListener listener = new RecordingListener();
        closing.subscribe(listener, listener);
        RecordingListener onSecond = listen(second);

        closing.close();
        closing.close();
        closing.publish(SampleEvents.typing());
        first.publish(SampleEvents.read());

        assertThat(onSecond.awaitEvents(1)).containsExactly(SampleEvents.read());
        assertThat(closing.counters().dropped()).isEqualTo(1);
        assertThat(closing.isSubscribed()).isFalse();
        assertThat(listener.events).isEmpty();
        assertThat(closing.toString()).contains("channel " + PREFIX + "live").contains("not subscribed");
    }
}
