package io.chatplatform.application.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.fixtures.RecordingChannel;
import io.chatplatform.application.port.in.ChangeMessage;
import io.chatplatform.application.port.in.OpenLiveConnection.LiveConnection;
import io.chatplatform.application.port.in.ReadHistory;
import io.chatplatform.application.port.out.ClientChannel;
import io.chatplatform.domain.limit.RateLimits;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.realtime.ConversationChange;
import io.chatplatform.domain.realtime.DeliveryMarkerMoved;
import io.chatplatform.domain.realtime.LiveEventType;
import io.chatplatform.domain.realtime.MessageCreated;
import io.chatplatform.domain.realtime.MessageDeleted;
import io.chatplatform.domain.realtime.MessageEdited;
import io.chatplatform.domain.realtime.ReadMarkerMoved;
import io.chatplatform.domain.user.User;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The change stream as a client sees it, through the application: what a connection receives
 * live and on a resume after edits, deletions, reactions, hides and deliveries. Connections do
 * their work on the calling thread, so every effect has happened when a call returns.
 */
class ChangeStreamLiveTest {

    private static final Emoji HEART = Emoji.of("❤️");

    private InMemoryChat chat = start(100);
    private User alice = chat.register("alice");
    private User bob = chat.register("bob");

    @AfterEach
    void stop() {
        chat.app.close();
    }

    /** Whether the cache stands in front of the stores (a resume then reads the conversation list through it). */
    boolean cached() {
        return false;
    }

    /** The application with connections on the calling thread and {@code perConversation} changes per conversation in a resume. */
    private InMemoryChat start(int perConversation) {
        RealtimeSettings settings = new RealtimeSettings(Duration.ofSeconds(30), Duration.ofSeconds(20),
                Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(6), 2, Duration.ofSeconds(1),
                perConversation, 100, 1000, 2000, Duration.ZERO);
        return new InMemoryChat(cached(), RateLimits.none(),
                builder -> builder.connectionExecutor(Runnable::run).realtimeSettings(settings));
    }

    private ChangeMessage changes() {
        return chat.app.changeMessage();
    }

    private Message stored(Message message) {
        return chat.messages.find(message.id()).orElseThrow();
    }

    private LiveConnection connect(User user, RecordingChannel channel) {
        return chat.app.openLiveConnection().open(user.id(), channel);
    }

    private static List<String> types(List<ConversationChange> changes) {
        return changes.stream().map(change -> change.type().wireName()).toList();
    }

    @Test
    @DisplayName("a client that resumes with its change position gets exactly the changes it missed, in order, once, then live ones")
    void resume_after_offline_changes() {
        Message m1 = chat.send(alice, bob, "one");
        Message m2 = chat.send(alice, bob, "two");
        RecordingChannel before = new RecordingChannel();
        LiveConnection first = connect(bob, before);
        first.resume(Map.of(), Map.of(alice.id(), 2L));
        assertThat(before.received()).containsExactly(new ClientChannel.ResumeDone(0));
        first.closed();

        // Bob is offline; Alice is connected and sees everything, her own deletion for herself too
        RecordingChannel alicePhone = new RecordingChannel();
        connect(alice, alicePhone).resume(Map.of(), Map.of(bob.id(), 2L));
        changes().edit(alice.id(), m1.id(), MessageContent.of("one, edited"));   // 3
        changes().react(alice.id(), m2.id(), HEART);                             // 4
        changes().deleteForEveryone(alice.id(), m1.id());                        // 5
        Message m3 = chat.send(alice, bob, "three");                             // 6
        changes().deleteForMe(alice.id(), m2.id());                              // 7, Alice's only
        Message m4 = chat.send(alice, bob, "four");                              // 8
        assertThat(alicePhone.positions()).containsExactly(3L, 4L, 5L, 6L, 7L, 8L);

        RecordingChannel channel = new RecordingChannel();
        LiveConnection again = connect(bob, channel);
        again.resume(Map.of(), Map.of(alice.id(), 2L));
        assertThat(channel.positions()).containsExactly(3L, 4L, 5L, 6L, 8L);
        assertThat(types(channel.changes())).containsExactly("message.updated", "reaction.updated", "message.deleted",
                "message.created", "message.created");
        // every change shows its message as it stands now: the edit of a message deleted since shows its tombstone
        assertThat(channel.changes().get(0)).isInstanceOfSatisfying(MessageEdited.class,
                edited -> assertThat(edited.message()).isEqualTo(stored(m1)));
        assertThat(stored(m1).content()).isEmpty();
        assertThat(channel.changes().get(2)).isEqualTo(new MessageDeleted(stored(m1), Optional.empty(), 5));
        assertThat(channel.messages()).containsExactly(m3, m4);
        assertThat(channel.received()).last().isEqualTo(new ClientChannel.ResumeDone(5));
        assertThat(channel.received()).noneMatch(ClientChannel.ResumeTruncated.class::isInstance);

        // live from here on, each change once
        channel.clear();
        changes().unreact(alice.id(), m2.id(), HEART);                           // 9
        Message m5 = chat.send(alice, bob, "five");                              // 10
        assertThat(channel.positions()).containsExactly(9L, 10L);
        assertThat(channel.messages()).containsExactly(m5);
        // a resume from the same position now sends nothing it already sent
        again.resume(Map.of(), Map.of(alice.id(), 2L));
        assertThat(channel.positions()).containsExactly(9L, 10L);
        assertThat(channel.received()).last().isEqualTo(new ClientChannel.ResumeDone(0));
    }

    @Test
    @DisplayName("a client that counts messages only resumes after the creation of its last message, and gets the changes since")
    void resume_with_message_seqs() {
        Message m1 = chat.send(alice, bob, "one");                               // 1
        chat.send(alice, bob, "two");                                            // 2
        changes().edit(alice.id(), m1.id(), MessageContent.of("one, edited"));   // 3
        Message m3 = chat.send(alice, bob, "three");                             // 4
        changes().react(bob.id(), m3.id(), HEART);                               // 5

        RecordingChannel channel = new RecordingChannel();
        connect(bob, channel).resume(Map.of(alice.id(), 2L), Map.of());
        assertThat(channel.positions()).containsExactly(3L, 4L, 5L);

        // a seq past the newest message stands for the newest message: what came after it is still sent
        RecordingChannel past = new RecordingChannel();
        connect(bob, past).resume(Map.of(alice.id(), 99L), Map.of());
        assertThat(past.positions()).containsExactly(5L);

        // named in both, the change position wins
        RecordingChannel both = new RecordingChannel();
        connect(bob, both).resume(Map.of(alice.id(), 1L), Map.of(alice.id(), 4L));
        assertThat(both.positions()).containsExactly(5L);

        // named in neither: from the start
        RecordingChannel neither = new RecordingChannel();
        connect(bob, neither).resume(Map.of(), Map.of());
        assertThat(neither.positions()).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    @DisplayName("a deletion for me reaches the hider's devices only, never the peer, live or on a resume")
    void hides_stay_with_the_hider() {
        Message m1 = chat.send(alice, bob, "one");
        RecordingChannel alicePhone = new RecordingChannel();
        RecordingChannel aliceLaptop = new RecordingChannel();
        RecordingChannel bobPhone = new RecordingChannel();
        connect(alice, alicePhone).resume(Map.of(), Map.of(bob.id(), 1L));
        connect(alice, aliceLaptop).resume(Map.of(), Map.of(bob.id(), 1L));
        connect(bob, bobPhone).resume(Map.of(), Map.of(alice.id(), 1L));

        changes().deleteForMe(alice.id(), m1.id());                              // 2
        MessageDeleted hidden = new MessageDeleted(m1, Optional.of(alice.id()), 2);
        assertThat(alicePhone.changes()).containsExactly(hidden);
        assertThat(aliceLaptop.changes()).containsExactly(hidden);
        assertThat(bobPhone.changes()).isEmpty();

        // Bob's next change follows the hole he cannot see: delivered once, no truncation
        Message m2 = chat.send(alice, bob, "two");                               // 3
        assertThat(bobPhone.changes()).containsExactly(new MessageCreated(m2, 3));
        assertThat(bobPhone.received()).noneMatch(ClientChannel.ResumeTruncated.class::isInstance);
        assertThat(alicePhone.positions()).containsExactly(2L, 3L);

        RecordingChannel bobLaptop = new RecordingChannel();
        connect(bob, bobLaptop).resume(Map.of(), Map.of(alice.id(), 0L));
        assertThat(bobLaptop.positions()).containsExactly(1L, 3L);
        assertThat(bobLaptop.events()).noneMatch(event -> event.type() == LiveEventType.MESSAGE_DELETED);
        RecordingChannel aliceTablet = new RecordingChannel();
        connect(alice, aliceTablet).resume(Map.of(), Map.of(bob.id(), 0L));
        assertThat(aliceTablet.positions()).containsExactly(1L, 2L, 3L);
    }

    @Test
    @DisplayName("an acknowledgement moves the delivery marker; every connection of both users is told, once")
    void acknowledgements_deliver() {
        RecordingChannel alicePhone = new RecordingChannel();
        RecordingChannel bobPhone = new RecordingChannel();
        RecordingChannel bobLaptop = new RecordingChannel();
        connect(alice, alicePhone).resume(Map.of(), Map.of());
        LiveConnection phone = connect(bob, bobPhone);
        phone.resume(Map.of(), Map.of());
        connect(bob, bobLaptop).resume(Map.of(), Map.of());
        Message m1 = chat.send(alice, bob, "one");                               // 1
        chat.send(alice, bob, "two");                                            // 2

        phone.received(alice.id(), 2);
        DeliveryMarkerMoved delivered = new DeliveryMarkerMoved(m1.conversationId(), bob.id(), 2, 3);
        for (RecordingChannel channel : List.of(alicePhone, bobPhone, bobLaptop)) {
            assertThat(channel.changes()).filteredOn(DeliveryMarkerMoved.class::isInstance).containsExactly(delivered);
            assertThat(channel.positions()).containsExactly(1L, 2L, 3L);
        }
        assertThat(chat.messages.entry(alice.id(), bob.id()).orElseThrow().peerDeliveredSeq()).isEqualTo(2);

        // the same acknowledgement again, an older one, or one from the sender's side moves nothing
        phone.received(alice.id(), 2);
        phone.received(alice.id(), 1);
        alicePhone.clear();
        connect(alice, new RecordingChannel()).received(bob.id(), 2);
        assertThat(bobLaptop.positions()).containsExactly(1L, 2L, 3L);
        assertThat(alicePhone.received()).isEmpty();
    }

    @Test
    @DisplayName("the peer's delivery and read markers are changes of the stream too, replayed to a client that missed them")
    void markers_are_replayed() {
        Message m1 = chat.send(bob, alice, "one");                               // 1
        // Bob is offline: Alice's history read delivers his message, then she reads it
        chat.app.readHistory().history(new ReadHistory.Query(alice.id(), bob.id(), HistoryPage.newest()));  // 2
        chat.app.markRead().markMessageRead(alice.id(), m1.id());                // 3

        RecordingChannel channel = new RecordingChannel();
        connect(bob, channel).resume(Map.of(), Map.of(alice.id(), 1L));
        assertThat(channel.changes()).containsExactly(
                new DeliveryMarkerMoved(m1.conversationId(), alice.id(), 1, 2),
                new ReadMarkerMoved(m1.conversationId(), alice.id(), 1, 3));
        assertThat(chat.messages.entry(bob.id(), alice.id()).orElseThrow().peerReadSeq()).isEqualTo(1);
    }

    @Test
    @DisplayName("in notes to self nothing is delivered to anyone")
    void no_deliveries_in_notes_to_self() {
        chat.send(alice, alice, "a note");
        RecordingChannel channel = new RecordingChannel();
        LiveConnection connection = connect(alice, channel);
        connection.resume(Map.of(), Map.of());
        connection.received(alice.id(), 1);
        assertThat(channel.positions()).containsExactly(1L);
        assertThat(chat.messages.after(ConversationId.between(alice.id(), alice.id()), alice.id(), 0, 10)).hasSize(1);
    }

    @Test
    @DisplayName("a resume whose budget covers what the client may see is not cut short by the peer's hidden changes")
    void holes_do_not_use_up_the_budget() {
        chat.app.close();
        chat = start(3);
        alice = chat.register("alice");
        bob = chat.register("bob");
        Message m1 = chat.send(alice, bob, "one");                               // 1
        chat.send(alice, bob, "two");                                            // 2
        changes().deleteForMe(alice.id(), m1.id());                              // 3, Alice's only
        chat.send(alice, bob, "three");                                          // 4

        RecordingChannel channel = new RecordingChannel();
        connect(bob, channel).resume(Map.of(), Map.of());
        assertThat(channel.positions()).containsExactly(1L, 2L, 4L);
        assertThat(channel.received()).noneMatch(ClientChannel.ResumeTruncated.class::isInstance);
        assertThat(channel.received()).last().isEqualTo(new ClientChannel.ResumeDone(3));
    }

    @Test
    @DisplayName("a resume cut short by its budget names the position where it stopped and the seq of the newest message there")
    void truncation_names_position_and_seq() {
        chat.app.close();
        chat = start(3);
        alice = chat.register("alice");
        bob = chat.register("bob");
        Message m1 = chat.send(alice, bob, "one");                               // 1
        changes().edit(alice.id(), m1.id(), MessageContent.of("one, edited"));   // 2
        changes().react(bob.id(), m1.id(), HEART);                               // 3
        chat.send(alice, bob, "two");                                            // 4
        chat.send(alice, bob, "three");                                          // 5

        RecordingChannel channel = new RecordingChannel();
        connect(bob, channel).resume(Map.of(), Map.of());
        assertThat(channel.positions()).containsExactly(1L, 2L, 3L);
        assertThat(channel.received()).containsSubsequence(new ClientChannel.ResumeTruncated(alice.id(), 1, 3),
                new ClientChannel.ResumeDone(3));

        // live delivery continues after the newest position; the rest is the HTTP API's
        Message m4 = chat.send(alice, bob, "four");                              // 6
        assertThat(channel.positions()).containsExactly(1L, 2L, 3L, 6L);
        assertThat(channel.messages()).last().isEqualTo(m4);
    }
}
