package io.chatplatform.application.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.fixtures.MutableClock;
import io.chatplatform.application.fixtures.RecordingChannel;
import io.chatplatform.application.inmemory.InMemoryMessageStore;
import io.chatplatform.application.port.in.OpenLiveConnection.LiveConnection;
import io.chatplatform.application.port.out.AppendMessage;
import io.chatplatform.application.port.out.ClientChannel;
import io.chatplatform.application.port.out.LiveEventBus;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.realtime.LiveEvent;
import io.chatplatform.domain.realtime.MessageCreated;
import io.chatplatform.domain.realtime.PresenceChanged;
import io.chatplatform.domain.realtime.ReadMarkerMoved;
import io.chatplatform.domain.realtime.Typing;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RealtimeHubTest {

    private static final UserId ALICE = UserId.of(1);
    private static final UserId BOB = UserId.of(2);
    private static final UserId CAROL = UserId.of(3);

    private final MutableClock clock = MutableClock.at("2026-11-27T12:00:00Z");
    private final InMemoryMessageStore store = new InMemoryMessageStore();
    private final InProcessPresenceRegistry presence = new InProcessPresenceRegistry();
    private final RecordingBus bus = new RecordingBus();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final RealtimeSettings settings = new RealtimeSettings(Duration.ofMillis(200), Duration.ofSeconds(20),
            Duration.ofSeconds(60), Duration.ofMillis(50), Duration.ofSeconds(6), 2, Duration.ofSeconds(1), 3, 100, 10, 50);
    private final RealtimeHub hub = new RealtimeHub(bus, presence, store, store, clock, settings, Runnable::run, scheduler,
            io.chatplatform.application.port.out.ChatMetrics.NONE);

    /** The in-process bus, remembering what went through it; can hold events back to reorder them. */
    private static final class RecordingBus implements LiveEventBus {
        final InProcessLiveEventBus inner = new InProcessLiveEventBus();
        final List<LiveEvent> published = new CopyOnWriteArrayList<>();

        @Override
        public void publish(LiveEvent event) {
            published.add(event);
            inner.publish(event);
        }

        private Runnable lossListener = () -> { };

        @Override
        public Subscription subscribe(Consumer<LiveEvent> listener, Runnable possibleLoss) {
            lossListener = possibleLoss;
            return inner.subscribe(listener, possibleLoss);
        }

        void loseSomething() {
            lossListener.run();
        }
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    /** Stores a message without announcing it (as if its event were still in flight). */
    private Message store(UserId from, UserId to, String text) {
        return store.append(new AppendMessage.NewMessage(new AppendMessage.Participant(from, Username.of("user" + from)),
                new AppendMessage.Participant(to, Username.of("user" + to)), MessageContent.of(text), Optional.empty(),
                clock.instant())).message();
    }

    /** Stores and announces a message, as sending does. */
    private Message send(UserId from, UserId to, String text) {
        Message message = store(from, to, text);
        bus.publish(new MessageCreated(message));
        return message;
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 3 s");
            }
            Thread.onSpinWait();
        }
    }

    private static List<Long> seqs(RecordingChannel channel) {
        return channel.messages().stream().map(Message::seq).toList();
    }

    @Test
    @DisplayName("a message reaches every device of both participants once the connection is live")
    void delivers_live() {
        RecordingChannel bobPhone = new RecordingChannel();
        RecordingChannel bobLaptop = new RecordingChannel();
        RecordingChannel alicePhone = new RecordingChannel();
        hub.open(BOB, bobPhone).activity();
        hub.open(BOB, bobLaptop).activity();
        hub.open(ALICE, alicePhone).activity();
        Message hi = send(ALICE, BOB, "hi");
        assertThat(bobPhone.messages()).containsExactly(hi);
        assertThat(bobLaptop.messages()).containsExactly(hi);
        assertThat(alicePhone.messages()).containsExactly(hi);
        assertThat(hub.openConnections()).isEqualTo(3);
    }

    @Test
    @DisplayName("events wait for a possible resume, then flow by themselves after a short wait")
    void holds_back_until_live() {
        RecordingChannel channel = new RecordingChannel();
        hub.open(BOB, channel);
        send(ALICE, BOB, "early");
        assertThat(channel.messages()).isEmpty();
        await(() -> channel.messages().size() == 1);
    }

    @Test
    @DisplayName("a resume replays what was missed, in order, then continues live without duplicates")
    void resume_replays_then_goes_live() {
        for (int i = 1; i <= 2; i++) {
            send(ALICE, BOB, "seen " + i);
        }
        for (int i = 3; i <= 4; i++) {
            send(ALICE, BOB, "missed " + i);
        }
        Message other = send(CAROL, BOB, "from carol");
        RecordingChannel channel = new RecordingChannel();
        LiveConnection connection = hub.open(BOB, channel);
        // an event that arrives between opening and resuming is held, then not sent twice
        Message during = send(ALICE, BOB, "during");
        connection.resume(Map.of(ALICE, 2L));
        Message after = send(ALICE, BOB, "after");

        List<Message> withAlice = channel.messages().stream()
                .filter(m -> m.conversationId().equals(ConversationId.between(ALICE, BOB))).toList();
        assertThat(withAlice).extracting(Message::seq).containsExactly(3L, 4L, 5L, 6L);
        assertThat(withAlice).contains(during, after);
        assertThat(channel.messages()).contains(other).hasSize(5);
        assertThat(channel.received()).contains(new ClientChannel.ResumeDone(4));
        assertThat(channel.received()).noneMatch(ClientChannel.ResumeTruncated.class::isInstance);
    }

    @Test
    @DisplayName("a resume that would replay too much stops and says where to continue")
    void resume_is_bounded() {
        for (int i = 1; i <= 5; i++) {
            send(ALICE, BOB, "m" + i);
        }
        RecordingChannel channel = new RecordingChannel();
        hub.open(BOB, channel).resume(Map.of());
        assertThat(seqs(channel)).containsExactly(1L, 2L, 3L);
        assertThat(channel.received()).contains(new ClientChannel.ResumeTruncated(ALICE, 3), new ClientChannel.ResumeDone(3));
    }

    @Test
    @DisplayName("a message whose event is late or lost is read from the store before the next one")
    void fills_gaps() {
        RecordingChannel channel = new RecordingChannel();
        hub.open(BOB, channel).resume(Map.of(ALICE, 0L));
        send(ALICE, BOB, "one");
        store(ALICE, BOB, "two, event lost");
        Message threeEvent = store(ALICE, BOB, "three, event late");
        Message four = send(ALICE, BOB, "four");
        bus.publish(new MessageCreated(threeEvent));
        assertThat(seqs(channel)).containsExactly(1L, 2L, 3L, 4L);
        assertThat(channel.messages()).last().isEqualTo(four);
    }

    @Test
    @DisplayName("events of concurrent sends arriving out of order on a fresh connection are all delivered, once")
    void out_of_order_events_on_a_fresh_connection() {
        store(ALICE, BOB, "before the connection");
        RecordingChannel bobChannel = new RecordingChannel();
        hub.open(BOB, bobChannel).activity();
        Message second = store(ALICE, BOB, "second");
        Message third = store(BOB, ALICE, "third");
        bus.publish(new MessageCreated(third));
        bus.publish(new MessageCreated(second));
        bus.publish(new MessageCreated(second));
        assertThat(seqs(bobChannel)).containsExactly(3L, 2L);
    }

    @Test
    @DisplayName("coming and going is published only when someone has a conversation with the user")
    void presence_of_a_user_nobody_watches_is_not_published() {
        RecordingChannel carolChannel = new RecordingChannel();
        LiveConnection carol = hub.open(CAROL, carolChannel);
        carol.activity();
        carol.closed();
        assertThat(presence.onlineAmong(java.util.Set.of(CAROL), clock.instant())).isEmpty();
        assertThat(bus.published).noneMatch(e -> e instanceof PresenceChanged);

        send(ALICE, CAROL, "hello");
        LiveConnection again = hub.open(CAROL, new RecordingChannel());
        again.activity();
        assertThat(bus.published).contains(new PresenceChanged(CAROL, true, java.util.Set.of(ALICE)));
    }

    @Test
    @DisplayName("read markers, typing and presence reach the right people")
    void other_events() {
        send(ALICE, BOB, "hello");
        RecordingChannel aliceChannel = new RecordingChannel();
        LiveConnection alice = hub.open(ALICE, aliceChannel);
        alice.activity();
        RecordingChannel bobChannel = new RecordingChannel();
        LiveConnection bob = hub.open(BOB, bobChannel);
        bob.activity();
        assertThat(aliceChannel.events()).contains(new PresenceChanged(BOB, true, java.util.Set.of(ALICE)));

        bus.publish(new ReadMarkerMoved(ConversationId.between(ALICE, BOB), BOB, 1));
        assertThat(aliceChannel.events()).contains(new ReadMarkerMoved(ConversationId.between(ALICE, BOB), BOB, 1));

        bob.typing(ALICE);
        assertThat(aliceChannel.events()).anyMatch(e -> e instanceof Typing typing && typing.from().equals(BOB));

        bob.typing(CAROL);
        assertThat(bobChannel.received()).anyMatch(m -> m instanceof ClientChannel.Problem p && p.code().equals("no_conversation"));
        assertThat(bus.published).noneMatch(e -> e instanceof Typing typing && typing.to().equals(CAROL));

        bob.closed();
        assertThat(aliceChannel.events()).contains(new PresenceChanged(BOB, false, java.util.Set.of(ALICE)));
        assertThat(hub.openConnections()).isEqualTo(1);
    }

    @Test
    @DisplayName("typing indications beyond the allowance are refused, not relayed")
    void typing_is_rate_limited() {
        send(ALICE, BOB, "hello");
        RecordingChannel bobChannel = new RecordingChannel();
        LiveConnection bob = hub.open(BOB, bobChannel);
        bob.activity();
        for (int i = 0; i < 5; i++) {
            bob.typing(ALICE);
        }
        assertThat(bus.published.stream().filter(Typing.class::isInstance)).hasSize(2);
        assertThat(bobChannel.received()).anyMatch(m -> m instanceof ClientChannel.Problem p && p.code().equals("rate_limited"));
    }

    @Test
    @DisplayName("when events may have been lost, every connection is advised to resume")
    void advises_resync() {
        RecordingChannel channel = new RecordingChannel();
        hub.open(BOB, channel).activity();
        bus.loseSomething();
        assertThat(channel.received()).contains(new ClientChannel.ResyncAdvised());
    }

    @Test
    @DisplayName("a second resume (after a resync) sends only what this connection has not delivered yet")
    void second_resume_sends_no_duplicates() {
        RecordingChannel channel = new RecordingChannel();
        LiveConnection connection = hub.open(BOB, channel);
        connection.resume(Map.of(ALICE, 0L));
        send(ALICE, BOB, "one");
        send(ALICE, BOB, "two");
        store(ALICE, BOB, "three, its event lost");
        connection.resume(Map.of(ALICE, 1L));
        assertThat(seqs(channel)).containsExactly(1L, 2L, 3L);
    }

    @Test
    @DisplayName("a resume stops at its total budget; those conversations continue live after what was not replayed")
    void resume_total_budget() {
        for (int i = 1; i <= 3; i++) {
            send(ALICE, BOB, "a" + i);
        }
        for (int i = 1; i <= 3; i++) {
            send(CAROL, BOB, "c" + i);
        }
        for (int i = 1; i <= 3; i++) {
            send(UserId.of(4), BOB, "d" + i);
        }
        for (int i = 1; i <= 3; i++) {
            send(UserId.of(5), BOB, "e" + i);
        }
        RecordingChannel channel = new RecordingChannel();
        hub.open(BOB, channel).resume(Map.of());
        // budget 10: three full conversations (9) and one message of the fourth
        assertThat(channel.messages()).hasSize(10);
        assertThat(channel.received()).filteredOn(ClientChannel.ResumeTruncated.class::isInstance).hasSize(1);
        assertThat(channel.received()).contains(new ClientChannel.ResumeDone(10));
        Message next = send(ALICE, BOB, "a4");
        Message after = send(UserId.of(4), BOB, "d4");
        assertThat(channel.messages()).contains(next, after);
    }

    @Test
    @DisplayName("a gap too large to fill live is left to the HTTP API, and delivery goes on")
    void large_gap() {
        RecordingChannel channel = new RecordingChannel();
        hub.open(BOB, channel).resume(Map.of(ALICE, 0L));
        send(ALICE, BOB, "one");
        for (int i = 0; i < 5; i++) {
            store(ALICE, BOB, "lost " + i);
        }
        Message seven = send(ALICE, BOB, "seven");
        assertThat(channel.received()).contains(new ClientChannel.ResumeTruncated(ALICE, 1));
        assertThat(seqs(channel)).containsExactly(1L, 7L);
        assertThat(channel.messages()).last().isEqualTo(seven);
    }

    @Test
    @DisplayName("a connection that ends while its mailbox is full still leaves, and its user goes offline")
    void close_is_never_refused() {
        send(ALICE, BOB, "hello");
        List<Runnable> parked = new ArrayList<>();
        RealtimeHub stalled = new RealtimeHub(bus, presence, store, store, clock, settings, parked::add, scheduler,
                io.chatplatform.application.port.out.ChatMetrics.NONE);
        RecordingChannel channel = new RecordingChannel();
        LiveConnection connection = stalled.open(BOB, channel);
        for (int i = 0; i < 100; i++) {
            connection.ping();
        }
        assertThat(channel.closeCode()).isEqualTo(RealtimeHub.TOO_SLOW);
        connection.closed();
        // now let the executor run what it was given
        while (!parked.isEmpty()) {
            parked.remove(0).run();
        }
        assertThat(stalled.openConnections()).isZero();
        assertThat(presence.onlineAmong(List.of(BOB), clock.instant())).isEmpty();
        stalled.close();
    }

    @Test
    @DisplayName("ping is answered with pong")
    void ping() {
        RecordingChannel channel = new RecordingChannel();
        hub.open(BOB, channel).ping();
        assertThat(channel.received()).contains(new ClientChannel.Pong());
    }

    @Test
    @DisplayName("a client that does not read is disconnected instead of growing the server's memory")
    void slow_client() {
        RecordingChannel channel = new RecordingChannel(3);
        hub.open(BOB, channel).activity();
        for (int i = 0; i < 10; i++) {
            send(ALICE, BOB, "m" + i);
        }
        assertThat(channel.received()).hasSize(3);
        assertThat(channel.closeCode()).isEqualTo(RealtimeHub.TOO_SLOW);
    }

    @Test
    @DisplayName("a user whose instance vanished without a goodbye goes offline once their presence expires")
    void presence_expires() {
        send(ALICE, BOB, "hello");
        RecordingChannel aliceChannel = new RecordingChannel();
        hub.open(ALICE, aliceChannel).activity();
        // bob's claim from an instance that crashed: no connection here, no goodbye
        presence.connected(BOB, "crashed-instance:1", clock.instant(), clock.instant().plusSeconds(60));
        clock.advance(Duration.ofSeconds(61));
        await(() -> aliceChannel.events().contains(new PresenceChanged(BOB, false, java.util.Set.of(ALICE))));
    }

    @Test
    @DisplayName("a heartbeat that finds its user offline (expired meanwhile) announces them online again")
    void heartbeat_restores_presence() {
        RealtimeSettings fast = new RealtimeSettings(Duration.ofMillis(200), Duration.ofMillis(50), Duration.ofMillis(100),
                Duration.ofSeconds(30), Duration.ofSeconds(6), 2, Duration.ofSeconds(1), 3, 100, 10, 50);
        send(ALICE, BOB, "hello");
        RealtimeHub quick = new RealtimeHub(bus, presence, store, store, clock, fast, Runnable::run,
                Executors.newSingleThreadScheduledExecutor(), io.chatplatform.application.port.out.ChatMetrics.NONE);
        try {
            RecordingChannel aliceChannel = new RecordingChannel();
            hub.open(ALICE, aliceChannel).activity();
            quick.open(BOB, new RecordingChannel()).activity();
            // bob's claim is lost (as after a Redis restart); the next heartbeat finds him offline
            presence.expire(clock.instant().plusSeconds(3600));
            await(() -> aliceChannel.events().stream()
                    .filter(e -> e.equals(new PresenceChanged(BOB, true, java.util.Set.of(ALICE)))).count() >= 2);
        } finally {
            quick.close();
        }
    }

    @Test
    @DisplayName("closing the hub closes the connections as going away")
    void shutdown() {
        RecordingChannel channel = new RecordingChannel();
        hub.open(BOB, channel);
        hub.close();
        assertThat(channel.closeCode()).isEqualTo(RealtimeHub.GOING_AWAY);
    }

    @Test
    @DisplayName("a failure while delivering closes the connection so that the client resumes")
    void failure_closes() {
        RealtimeHub broken = new RealtimeHub(bus, presence, store, new FailingMessages(), clock, settings, Runnable::run,
                Executors.newSingleThreadScheduledExecutor(), io.chatplatform.application.port.out.ChatMetrics.NONE);
        try {
            RecordingChannel channel = new RecordingChannel();
            broken.open(BOB, channel).resume(Map.of(ALICE, 0L));
            store(ALICE, BOB, "gap");
            send(ALICE, BOB, "after gap");
            assertThat(channel.closeCode()).isEqualTo(RealtimeHub.SERVER_ERROR);
        } finally {
            broken.close();
        }
    }

    /** Reads that fail, as with the database down. */
    private final class FailingMessages implements io.chatplatform.application.port.out.LoadMessages {
        @Override
        public List<Message> page(ConversationId conversation, io.chatplatform.domain.message.HistoryPage page) {
            throw new IllegalStateException("down");
        }

        @Override
        public Optional<Message> find(ConversationId conversation, io.chatplatform.domain.message.MessageId id) {
            throw new IllegalStateException("down");
        }

        @Override
        public Optional<Message> find(io.chatplatform.domain.message.MessageId id) {
            throw new IllegalStateException("down");
        }

        @Override
        public List<Message> after(ConversationId conversation, long afterSeq, int limit) {
            throw new IllegalStateException("down");
        }
    }

    @Test
    @DisplayName("settings refuse values that cannot work")
    void settings() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RealtimeSettings(Duration.ofSeconds(1),
                Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(6), 5,
                Duration.ofSeconds(1), 500, 1000, 500, 100)).hasMessageContaining("two heartbeats");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RealtimeSettings(Duration.ZERO,
                Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(6), 5,
                Duration.ofSeconds(1), 500, 1000, 500, 100)).hasMessageContaining("resumeWait");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RealtimeSettings(Duration.ofSeconds(1),
                Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(6), 0,
                Duration.ofSeconds(1), 500, 1000, 500, 100)).hasMessageContaining("at least 1");
    }
}
