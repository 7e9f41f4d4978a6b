package io.chatplatform.application.realtime;

import static io.chatplatform.application.realtime.RealtimeFixture.ALICE;
import static io.chatplatform.application.realtime.RealtimeFixture.BOB;
import static io.chatplatform.application.realtime.RealtimeFixture.CAROL;
import static io.chatplatform.application.realtime.RealtimeFixture.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.fixtures.RecordingChannel;
import io.chatplatform.application.port.in.OpenLiveConnection.LiveConnection;
import io.chatplatform.application.port.out.ClientChannel;
import io.chatplatform.application.port.out.LoadChanges;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.realtime.CloseReason;
import io.chatplatform.domain.realtime.ConversationChange;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.testkit.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** One connection's state machine: held events, resume, gap filling, back-pressure and failures. */
class LiveSessionTest {

    private final RealtimeFixture fixture = new RealtimeFixture();
    private final RealtimeHub hub = fixture.hub();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private Message send(UserId from, UserId to, String text) {
        return fixture.send(from, to, text);
    }

    private Message store(UserId from, UserId to, String text) {
        return fixture.store(from, to, text);
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
        RealtimeFixture.await(() -> channel.messages().size() == 1);
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
        connection.resume(Map.of(ALICE, 2L), Map.of());
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
        hub.open(BOB, channel).resume(Map.of(), Map.of());
        assertThat(seqs(channel)).containsExactly(1L, 2L, 3L);
        assertThat(channel.received()).contains(new ClientChannel.ResumeTruncated(ALICE, 3, 3), new ClientChannel.ResumeDone(3));
    }

    @Test
    @DisplayName("a message whose event is late or lost is read from the store before the next one")
    void fills_gaps() {
        RecordingChannel channel = new RecordingChannel();
        hub.open(BOB, channel).resume(Map.of(), Map.of(ALICE, 0L));
        send(ALICE, BOB, "one");
        store(ALICE, BOB, "two, event lost");
        Message threeEvent = store(ALICE, BOB, "three, event late");
        Message four = send(ALICE, BOB, "four");
        fixture.bus.publish(fixture.created(threeEvent));
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
        fixture.bus.publish(fixture.created(third));
        fixture.bus.publish(fixture.created(second));
        fixture.bus.publish(fixture.created(second));
        assertThat(seqs(bobChannel)).containsExactly(3L, 2L);
    }

    @Test
    @DisplayName("when events may have been lost, every connection is advised to resume")
    void advises_resync() {
        RecordingChannel channel = new RecordingChannel();
        hub.open(BOB, channel).activity();
        fixture.bus.loseSomething();
        assertThat(channel.received()).contains(new ClientChannel.ResyncAdvised());
    }

    @Test
    @DisplayName("a second resume (after a resync) sends only what this connection has not delivered yet")
    void second_resume_sends_no_duplicates() {
        RecordingChannel channel = new RecordingChannel();
        LiveConnection connection = hub.open(BOB, channel);
        connection.resume(Map.of(ALICE, 0L), Map.of());
        send(ALICE, BOB, "one");
        send(ALICE, BOB, "two");
        store(ALICE, BOB, "three, its event lost");
        connection.resume(Map.of(), Map.of(ALICE, 1L));
        assertThat(seqs(channel)).containsExactly(1L, 2L, 3L);
    }

    @Test
    @DisplayName("a resume stops at its total budget; those conversations continue live after what was not replayed")
    void resume_total_budget() {
        for (UserId peer : List.of(ALICE, CAROL, UserId.of(4), UserId.of(5))) {
            for (int i = 1; i <= 3; i++) {
                send(peer, BOB, "m" + i);
            }
        }
        RecordingChannel channel = new RecordingChannel();
        hub.open(BOB, channel).resume(Map.of(), Map.of());
        // budget 10: three full conversations (9) and one message of the fourth
        assertThat(channel.messages()).hasSize(10);
        assertThat(channel.received()).filteredOn(ClientChannel.ResumeTruncated.class::isInstance).hasSize(1);
        assertThat(channel.received()).contains(new ClientChannel.ResumeDone(10));
        Message next = send(ALICE, BOB, "a4");
        Message after = send(UserId.of(4), BOB, "d4");
        assertThat(channel.messages()).contains(next, after);
    }

    @Test
    @DisplayName("an event that overtook the one before it waits for it, and the store is not read")
    void overtaking_events_wait_for_the_late_one() {
        // the store fails if read: the order must come from waiting, not from filling the gap
        RealtimeHub hub = fixture.hub(SETTINGS.withGapWait(Duration.ofMillis(200)), Runnable::run, new FailingChanges());
        RecordingChannel channel = new RecordingChannel();
        hub.open(BOB, channel).activity();
        send(ALICE, BOB, "one");
        Message second = store(ALICE, BOB, "two, event late");
        Message third = store(ALICE, BOB, "three");
        fixture.bus.publish(fixture.created(third));
        assertThat(seqs(channel)).containsExactly(1L);

        fixture.bus.publish(fixture.created(second));
        assertThat(seqs(channel)).containsExactly(1L, 2L, 3L);
        assertThat(channel.closeReason()).isNull();
        assertThat(fixture.errors).isEmpty();
    }

    @Test
    @DisplayName("when the wait ends and the event before is still missing, it is read from the store")
    void a_lost_event_is_read_when_the_wait_ends() {
        RealtimeHub hub = fixture.hub(SETTINGS.withGapWait(Duration.ofMillis(50)), Runnable::run, fixture.store);
        RecordingChannel channel = new RecordingChannel();
        hub.open(BOB, channel).activity();
        send(ALICE, BOB, "one");
        store(ALICE, BOB, "two, event lost");
        send(ALICE, BOB, "three");
        assertThat(seqs(channel)).containsExactly(1L);

        Waits.eventually("the lost event read from the store after the wait")
                .untilAsserted(() -> assertThat(seqs(channel)).containsExactly(1L, 2L, 3L));
    }

    @Test
    @DisplayName("a gap too large to fill live is left to the HTTP API, and delivery goes on")
    void large_gap() {
        RecordingChannel channel = new RecordingChannel();
        hub.open(BOB, channel).resume(Map.of(ALICE, 0L), Map.of());
        send(ALICE, BOB, "one");
        for (int i = 0; i < 5; i++) {
            store(ALICE, BOB, "lost " + i);
        }
        Message seven = send(ALICE, BOB, "seven");
        assertThat(channel.received()).contains(new ClientChannel.ResumeTruncated(ALICE, 1, 1));
        assertThat(seqs(channel)).containsExactly(1L, 7L);
        assertThat(channel.messages()).last().isEqualTo(seven);
    }

    @Test
    @DisplayName("a connection that ends while its mailbox is full still leaves, and its user goes offline")
    void close_is_never_refused() {
        send(ALICE, BOB, "hello");
        List<Runnable> parked = new ArrayList<>();
        RealtimeHub stalled = fixture.hub(SETTINGS, parked::add, fixture.store);
        RecordingChannel channel = new RecordingChannel();
        LiveConnection connection = stalled.open(BOB, channel);
        for (int i = 0; i < 100; i++) {
            connection.ping();
        }
        assertThat(channel.closeReason()).isEqualTo(CloseReason.TOO_SLOW);
        connection.closed();
        // now let the executor run what it was given
        while (!parked.isEmpty()) {
            parked.remove(0).run();
        }
        assertThat(stalled.openConnections()).isZero();
        assertThat(fixture.presence.onlineAmong(List.of(BOB), fixture.clock.instant())).isEmpty();
    }

    @Test
    @DisplayName("events held for a connection that never goes live are bounded: beyond the outbox it is closed as too slow")
    void held_events_are_bounded() {
        RealtimeSettings tiny = new RealtimeSettings(SETTINGS.resumeWait(), SETTINGS.heartbeat(), SETTINGS.presenceTtl(),
                SETTINGS.sweep(), SETTINGS.typingTtl(), 2, SETTINGS.typingInterval(), 3, 100, 10, 2, Duration.ZERO);
        RecordingChannel channel = new RecordingChannel();
        fixture.hub(tiny, Runnable::run, fixture.store).open(BOB, channel);
        for (int i = 0; i < 3; i++) {
            send(ALICE, BOB, "m" + i);
        }
        assertThat(channel.closeReason()).isEqualTo(CloseReason.TOO_SLOW);
        assertThat(channel.messages()).isEmpty();
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
        assertThat(channel.closeReason()).isEqualTo(CloseReason.TOO_SLOW);
    }

    @Test
    @DisplayName("closing the hub closes the connections as going away; a closed connection is sent nothing more")
    void shutdown() {
        RecordingChannel channel = new RecordingChannel();
        LiveConnection connection = hub.open(BOB, channel);
        hub.close();
        assertThat(channel.closeReason()).isEqualTo(CloseReason.GOING_AWAY);
        connection.closed();
        connection.ping();
        connection.resume(Map.of(), Map.of());
        connection.received(ALICE, 1);
        assertThat(channel.received()).isEmpty();
        assertThat(fixture.errors).isEmpty();
    }

    @Test
    @DisplayName("a failure while delivering closes the connection so that the client resumes, and is reported and counted")
    void failure_closes() {
        RealtimeHub broken = fixture.hub(SETTINGS, Runnable::run, new FailingChanges());
        RecordingChannel channel = new RecordingChannel();
        broken.open(BOB, channel).resume(Map.of(), Map.of(ALICE, 0L));
        store(ALICE, BOB, "gap");
        send(ALICE, BOB, "after gap");
        assertThat(channel.closeReason()).isEqualTo(CloseReason.SERVER_ERROR);
        assertThat(fixture.errors).containsExactly("live_connection: down");
        assertThat(fixture.counted).containsExactly("live_connection");
    }

    @Test
    @DisplayName("a failure when the wait for a resume ends, on the timer's thread, is reported, not lost in its future")
    void timer_failure() {
        RealtimeSettings tiny = new RealtimeSettings(SETTINGS.resumeWait(), SETTINGS.heartbeat(), SETTINGS.presenceTtl(),
                SETTINGS.sweep(), SETTINGS.typingTtl(), 2, SETTINGS.typingInterval(), 3, 100, 10, 1, Duration.ZERO);
        List<Runnable> parked = new ArrayList<>();
        fixture.hub(tiny, parked::add, fixture.store).open(BOB, new ClientChannel() {
            @Override
            public boolean offer(ServerMessage message) {
                return true;
            }

            @Override
            public void close(CloseReason reason) {
                throw new IllegalStateException("transport gone");
            }
        });
        // the presence claim waits in the mailbox (capacity 1): going live finds it full, and closing fails
        RealtimeFixture.await(() -> fixture.errors.contains("live_connection: transport gone"));
        assertThat(fixture.counted).containsExactly("live_connection");
    }

    /** Reads that fail, as with the database down. */
    private static final class FailingChanges implements LoadChanges {
        @Override
        public List<ConversationChange> after(ConversationId conversation, UserId viewer, long afterPosition, int limit) {
            throw new IllegalStateException("down");
        }

        @Override
        public long positionOfMessage(ConversationId conversation, long seq) {
            throw new IllegalStateException("down");
        }

        @Override
        public long messageSeqAt(ConversationId conversation, long position) {
            throw new IllegalStateException("down");
        }
    }
}
