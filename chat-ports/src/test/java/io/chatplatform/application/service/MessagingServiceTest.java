package io.chatplatform.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.port.in.MarkRead;
import io.chatplatform.application.port.in.ReadHistory;
import io.chatplatform.application.port.in.SendMessage;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.event.ConversationChanged;
import io.chatplatform.domain.event.MessageSent;
import io.chatplatform.domain.event.MessagesRead;
import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.realtime.DeliveryMarkerMoved;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MessagingServiceTest {

    private final InMemoryChat chat = new InMemoryChat();
    private final User alice = chat.register("alice");
    private final User bob = chat.register("bob");
    private final User carol = chat.register("carol");

    private SendMessage.Result send(User from, UserId to, String text) {
        return send(from, to, text, Optional.empty());
    }

    private SendMessage.Result send(User from, UserId to, String text, Optional<ClientMessageId> key) {
        chat.clock.advance(Duration.ofMillis(1));
        return chat.app.sendMessage().send(new SendMessage.Command(from.id(), to, MessageContent.of(text), key));
    }

    private Message sent(User from, User to, String text) {
        return ((SendMessage.Sent) send(from, to.id(), text)).message();
    }

    private List<Message> history(User reader, User peer, HistoryPage page) {
        return chat.app.readHistory().history(new ReadHistory.Query(reader.id(), peer.id(), page));
    }

    @Nested
    @DisplayName("sending")
    class Sending {
        @Test
        void stores_the_message_numbered_in_its_conversation_and_announces_it() {
            Message first = sent(alice, bob, "hello");
            Message second = sent(bob, alice, "hi!");
            assertThat(first.seq()).isEqualTo(1);
            assertThat(second.seq()).isEqualTo(2);
            assertThat(first.conversationId()).isEqualTo(second.conversationId());
            assertThat(first.createdAt()).isEqualTo(chat.clock.instant().minusMillis(1));
            assertThat(chat.events.eventsOf(MessageSent.class)).extracting(MessageSent::message).containsExactly(first, second);
        }

        @Test
        void to_an_unknown_recipient_stores_nothing() {
            assertThat(send(alice, UserId.of(9999), "anyone?")).isInstanceOf(SendMessage.RecipientNotFound.class);
            assertThat(chat.messages.messagesOf(ConversationId.between(alice.id(), UserId.of(9999)))).isEmpty();
            assertThat(chat.events.eventsOf(MessageSent.class)).isEmpty();
        }

        @Test
        void from_a_vanished_account_stores_nothing() {
            var result = chat.app.sendMessage().send(new SendMessage.Command(UserId.of(9999), bob.id(),
                    MessageContent.of("ghost"), Optional.empty()));
            assertThat(result).isInstanceOf(SendMessage.SenderUnknown.class);
        }

        @Test
        void to_oneself_keeps_notes_with_nothing_unread() {
            Message note = sent(alice, alice, "buy milk");
            assertThat(note.recipientId()).isEqualTo(alice.id());
            assertThat(history(alice, alice, HistoryPage.newest())).containsExactly(note);
            assertThat(chat.app.countUnread().unreadCount(alice.id())).isZero();
        }

        @Test
        void twice_with_the_same_client_message_id_stores_once() {
            var key = Optional.of(ClientMessageId.of("retry-1"));
            var first = send(alice, bob.id(), "only once", key);
            var retry = send(alice, bob.id(), "only once", key);
            assertThat(first).isInstanceOf(SendMessage.Sent.class);
            assertThat(retry).isInstanceOf(SendMessage.AlreadySent.class);
            assertThat(((SendMessage.AlreadySent) retry).message()).isEqualTo(((SendMessage.Sent) first).message());
            assertThat(history(bob, alice, HistoryPage.newest())).hasSize(1);
            assertThat(chat.events.eventsOf(MessageSent.class)).hasSize(1);
        }

        @Test
        void the_same_client_message_id_from_the_other_participant_is_another_message() {
            var key = Optional.of(ClientMessageId.of("same-key"));
            assertThat(send(alice, bob.id(), "from alice", key)).isInstanceOf(SendMessage.Sent.class);
            assertThat(send(bob, alice.id(), "from bob", key)).isInstanceOf(SendMessage.Sent.class);
        }
    }

    @Nested
    @DisplayName("history")
    class History {
        @Test
        void is_the_same_for_both_participants_newest_first_and_empty_for_anyone_else() {
            Message m1 = sent(alice, bob, "one");
            Message m2 = sent(bob, alice, "two");
            Message m3 = sent(alice, bob, "three");
            assertThat(history(alice, bob, HistoryPage.newest())).containsExactly(m3, m2, m1);
            assertThat(history(bob, alice, HistoryPage.newest())).containsExactly(m3, m2, m1);
            assertThat(history(carol, alice, HistoryPage.newest())).isEmpty();
            assertThat(history(carol, bob, HistoryPage.newest())).isEmpty();
        }

        @Test
        void pages_by_cursor_and_by_offset() {
            Message m1 = sent(alice, bob, "one");
            Message m2 = sent(alice, bob, "two");
            Message m3 = sent(alice, bob, "three");
            assertThat(history(alice, bob, HistoryPage.before(m3.id(), 1))).containsExactly(m2);
            assertThat(history(alice, bob, HistoryPage.before(m2.id(), 50))).containsExactly(m1);
            assertThat(history(alice, bob, new HistoryPage(2, 1, Optional.empty()))).containsExactly(m2, m1);
        }

        @Test
        void a_cursor_from_another_conversation_yields_nothing() {
            sent(alice, bob, "one");
            Message elsewhere = sent(alice, carol, "other");
            assertThat(history(alice, bob, HistoryPage.before(elsewhere.id(), 10))).isEmpty();
        }
    }

    @Nested
    @DisplayName("marking read")
    class MarkingRead {
        @Test
        void one_message_marks_it_and_everything_before_it_for_its_recipient() {
            Message m1 = sent(alice, bob, "one");
            Message m2 = sent(alice, bob, "two");
            sent(alice, bob, "three");
            assertThat(chat.app.countUnread().unreadCount(bob.id())).isEqualTo(3);

            var result = chat.app.markRead().markMessageRead(bob.id(), m2.id());
            assertThat(result).isEqualTo(new MarkRead.Marked(m1.conversationId(), 2, 1));
            assertThat(chat.app.countUnread().unreadCount(bob.id())).isEqualTo(1);
            assertThat(chat.events.eventsOf(MessagesRead.class))
                    .containsExactly(new MessagesRead(m1.conversationId(), bob.id(), 2, 1, 4));
        }

        @Test
        void never_moves_the_marker_back() {
            Message m1 = sent(alice, bob, "one");
            Message m2 = sent(alice, bob, "two");
            chat.app.markRead().markMessageRead(bob.id(), m2.id());
            var result = chat.app.markRead().markMessageRead(bob.id(), m1.id());
            assertThat(result).isEqualTo(new MarkRead.Marked(m1.conversationId(), 2, 0));
            // a mark-read that does not move writes and announces nothing
            assertThat(chat.events.eventsOf(MessagesRead.class)).hasSize(1);
        }

        @Test
        void is_refused_to_the_sender_to_strangers_and_for_unknown_messages() {
            Message m1 = sent(alice, bob, "one");
            assertThat(chat.app.markRead().markMessageRead(alice.id(), m1.id())).isInstanceOf(MarkRead.NotFound.class);
            assertThat(chat.app.markRead().markMessageRead(carol.id(), m1.id())).isInstanceOf(MarkRead.NotFound.class);
            assertThat(chat.app.markRead().markMessageRead(bob.id(), MessageId.of(424242))).isInstanceOf(MarkRead.NotFound.class);
            assertThat(chat.events.eventsOf(MessagesRead.class)).isEmpty();
        }

        @Test
        void a_whole_conversation_or_up_to_one_of_its_messages() {
            Message m1 = sent(alice, bob, "one");
            sent(alice, bob, "two");
            assertThat(chat.app.markRead().markConversationRead(bob.id(), alice.id(), Optional.of(m1.id())))
                    .isEqualTo(new MarkRead.Marked(m1.conversationId(), 1, 1));
            assertThat(chat.app.markRead().markConversationRead(bob.id(), alice.id(), Optional.empty()))
                    .isEqualTo(new MarkRead.Marked(m1.conversationId(), 2, 0));
        }

        @Test
        void a_conversation_one_is_not_in_or_a_message_of_another_conversation_is_not_found() {
            Message m1 = sent(alice, bob, "one");
            assertThat(chat.app.markRead().markConversationRead(carol.id(), alice.id(), Optional.empty()))
                    .isInstanceOf(MarkRead.NotFound.class);
            assertThat(chat.app.markRead().markConversationRead(carol.id(), alice.id(), Optional.of(m1.id())))
                    .isInstanceOf(MarkRead.NotFound.class);
        }

        @Test
        void replying_marks_the_conversation_read_for_the_one_who_replies() {
            sent(bob, alice, "one");
            sent(bob, alice, "two");
            assertThat(chat.app.countUnread().unreadCount(alice.id())).isEqualTo(2);
            sent(alice, bob, "reply");
            assertThat(chat.app.countUnread().unreadCount(alice.id())).isZero();
            assertThat(chat.app.countUnread().unreadCount(bob.id())).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("replying")
    class Replying {
        private SendMessage.Result reply(User from, User to, MessageId target) {
            chat.clock.advance(Duration.ofMillis(1));
            return chat.app.sendMessage().send(new SendMessage.Command(from.id(), to.id(), MessageContent.of("re"),
                    Optional.empty(), Optional.of(target)));
        }

        @Test
        void to_a_message_of_the_same_conversation_by_either_participant() {
            Message question = sent(alice, bob, "question?");
            var answer = reply(bob, alice, question.id());
            assertThat(answer).isInstanceOfSatisfying(SendMessage.Sent.class,
                    sent -> assertThat(sent.message().replyTo()).contains(question.id()));
            assertThat(reply(alice, bob, question.id())).isInstanceOf(SendMessage.Sent.class);
            assertThat(history(bob, alice, HistoryPage.newest()).get(0).replyTo()).contains(question.id());
        }

        @Test
        void to_a_deleted_message_of_the_same_conversation_its_tombstone_stays() {
            Message question = sent(alice, bob, "question?");
            chat.app.changeMessage().deleteForEveryone(alice.id(), question.id());
            assertThat(reply(bob, alice, question.id())).isInstanceOfSatisfying(SendMessage.Sent.class,
                    sent -> assertThat(sent.message().replyTo()).contains(question.id()));
        }

        @Test
        void to_a_message_of_another_conversation_or_to_no_message_stores_nothing() {
            Message elsewhere = sent(alice, carol, "for carol only");
            Message ours = sent(alice, bob, "ours");
            int events = chat.events.events().size();
            assertThat(reply(bob, alice, elsewhere.id())).isInstanceOf(SendMessage.ReplyNotFound.class);
            assertThat(reply(alice, bob, elsewhere.id())).isInstanceOf(SendMessage.ReplyNotFound.class);
            assertThat(reply(alice, alice, ours.id())).as("notes to self are another conversation")
                    .isInstanceOf(SendMessage.ReplyNotFound.class);
            assertThat(reply(bob, alice, MessageId.of(987_654))).isInstanceOf(SendMessage.ReplyNotFound.class);
            assertThat(chat.messages.messagesOf(ours.conversationId())).containsExactly(ours);
            assertThat(chat.messages.messagesOf(ConversationId.between(alice.id(), alice.id()))).isEmpty();
            assertThat(chat.events.events()).hasSize(events);
        }
    }

    @Nested
    @DisplayName("delivery")
    class Delivery {
        private List<DeliveryMarkerMoved> deliveries() {
            return chat.events.eventsOf(ConversationChanged.class).stream().map(ConversationChanged::change)
                    .filter(DeliveryMarkerMoved.class::isInstance).map(DeliveryMarkerMoved.class::cast).toList();
        }

        private InboxEntry line(User owner, User peer) {
            return chat.messages.entry(owner.id(), peer.id()).orElseThrow();
        }

        @Test
        void reading_history_delivers_the_newest_message_of_the_peer_it_returned_once() {
            Message m1 = sent(alice, bob, "one");
            Message m2 = sent(alice, bob, "two");
            sent(alice, bob, "three");
            ConversationId conversation = m1.conversationId();

            assertThat(history(bob, alice, HistoryPage.before(m2.id(), 1))).containsExactly(m1);
            assertThat(deliveries()).containsExactly(new DeliveryMarkerMoved(conversation, bob.id(), 1, 4));
            assertThat(line(alice, bob).peerDeliveredSeq()).isEqualTo(1);

            history(bob, alice, HistoryPage.newest());
            assertThat(deliveries()).containsExactly(new DeliveryMarkerMoved(conversation, bob.id(), 1, 4),
                    new DeliveryMarkerMoved(conversation, bob.id(), 3, 5));
            assertThat(line(alice, bob).peerDeliveredSeq()).isEqualTo(3);
            assertThat(line(alice, bob).lastPosition()).isEqualTo(5);
            assertThat(line(bob, alice).lastPosition()).isEqualTo(5);

            // the same page again, or an older one, delivers nothing new
            history(bob, alice, HistoryPage.newest());
            history(bob, alice, HistoryPage.before(m2.id(), 1));
            assertThat(deliveries()).hasSize(2);
        }

        @Test
        void reading_only_ones_own_messages_delivers_nothing() {
            sent(alice, bob, "one");
            sent(alice, bob, "two");
            history(alice, bob, HistoryPage.newest());
            sent(alice, alice, "a note");
            history(alice, alice, HistoryPage.newest());
            history(carol, alice, HistoryPage.newest());
            assertThat(deliveries()).isEmpty();
            assertThat(line(alice, bob).peerDeliveredSeq()).isZero();
        }

        @Test
        void a_message_received_marks_everything_before_it_received_capped_at_the_newest() {
            Message m1 = sent(alice, bob, "one");
            sent(alice, bob, "two");
            chat.app.markDelivered().markDelivered(bob.id(), alice.id(), 99);
            assertThat(deliveries()).containsExactly(new DeliveryMarkerMoved(m1.conversationId(), bob.id(), 2, 3));
            assertThat(line(alice, bob).peerDeliveredSeq()).isEqualTo(2);
            // never back, never again
            chat.app.markDelivered().markDelivered(bob.id(), alice.id(), 1);
            chat.app.markDelivered().markDelivered(bob.id(), alice.id(), 2);
            assertThat(deliveries()).hasSize(1);
        }

        @Test
        void notes_to_self_strangers_and_nothing_are_not_deliveries() {
            sent(alice, alice, "a note");
            sent(alice, bob, "one");
            chat.app.markDelivered().markDelivered(alice.id(), alice.id(), 1);
            chat.app.markDelivered().markDelivered(carol.id(), alice.id(), 1);
            chat.app.markDelivered().markDelivered(bob.id(), alice.id(), 0);
            chat.app.markDelivered().markDelivered(bob.id(), alice.id(), -3);
            assertThat(deliveries()).isEmpty();
            assertThat(line(alice, alice).lastPosition()).isEqualTo(1);
        }

        @Test
        void reading_is_receiving_a_read_message_is_not_delivered_again() {
            sent(alice, bob, "one");
            Message m2 = sent(alice, bob, "two");
            chat.app.markRead().markMessageRead(bob.id(), m2.id());
            assertThat(line(alice, bob).peerReadSeq()).isEqualTo(2);
            assertThat(line(alice, bob).peerDeliveredSeq()).isEqualTo(2);
            chat.app.markDelivered().markDelivered(bob.id(), alice.id(), 2);
            history(bob, alice, HistoryPage.newest());
            assertThat(deliveries()).isEmpty();
        }

        @Test
        void sending_is_having_received_everything_before() {
            sent(alice, bob, "one");
            sent(bob, alice, "two");
            chat.app.markDelivered().markDelivered(bob.id(), alice.id(), 1);
            history(bob, alice, HistoryPage.newest());
            assertThat(deliveries()).isEmpty();
            assertThat(line(bob, alice).peerReadSeq()).as("alice read what she sent").isEqualTo(1);
        }
    }
}
