package io.chatplatform.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.application.port.out.AppendMessage.NewMessage;
import io.chatplatform.application.port.out.AppendMessage.Participant;
import io.chatplatform.application.port.out.AppendMessage;
import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.application.port.out.LoadInbox;
import io.chatplatform.application.port.out.LoadMessages;
import io.chatplatform.application.port.out.MoveReadMarker.ReadState;
import io.chatplatform.application.port.out.MoveReadMarker;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every store behind the message and conversation-list ports ({@link AppendMessage},
 * {@link LoadMessages}, {@link LoadInbox}, {@link MoveReadMarker}) must do, run against an
 * implementation by extending this class:
 *
 * <pre>{@code
 * class MyMessageStoreContractTest extends MessageStoreContract {
 *     @Override
 *     protected CreateUser newUserStore() {
 *         return myUserStore;          // the participants are created here first
 *     }
 *
 *     @Override
 *     protected MessagePorts newMessageStore() {
 *         return MessagePorts.of(myMessageStore);
 *     }
 * }
 * }</pre>
 *
 * <p>Every test works with users it creates, so the store may hold other tests' data.
 */
public abstract class MessageStoreContract {

    /** A store's four message ports; usually one object, but each may be its own. */
    public record MessagePorts(AppendMessage append, LoadMessages load, LoadInbox inbox, MoveReadMarker markers) {
        /** Checks that no port is missing. */
        public MessagePorts {
            Objects.requireNonNull(append, "append");
            Objects.requireNonNull(load, "load");
            Objects.requireNonNull(inbox, "inbox");
            Objects.requireNonNull(markers, "markers");
        }

        /** The four ports of one store. */
        public static <S extends AppendMessage & LoadMessages & LoadInbox & MoveReadMarker> MessagePorts of(S store) {
            return new MessagePorts(store, store, store, store);
        }
    }

    /** Where the tests create the users who write to each other (a store may require that they exist). */
    protected abstract CreateUser newUserStore();

    /** The store under test; called once per test, after {@link #newUserStore()}. */
    protected abstract MessagePorts newMessageStore();

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    /** An id no store hands out in a test run. */
    private static final MessageId UNKNOWN = MessageId.of(9_000_000_000_000L);

    private final CreateUser users = newUserStore();
    private final MessagePorts store = newMessageStore();
    private final String tag = "m" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36);
    private int names;

    /** Constructs the test, asking for its stores. */
    protected MessageStoreContract() {
    }

    private User user(String prefix) {
        String name = prefix + "_" + tag + "_" + (++names);
        var created = users.create(new CreateUser.NewUser(Username.of(name), Email.of(name + "@example.com"),
                new PasswordHash("hash"), T0));
        return ((CreateUser.Created) created).user();
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static Participant participant(User user) {
        return new Participant(user.id(), user.username());
    }

    private static NewMessage message(User from, User to, String content, Instant at, Optional<String> clientMessageId) {
        return new NewMessage(participant(from), participant(to), MessageContent.of(content),
                clientMessageId.map(ClientMessageId::of), at);
    }

    private Message send(User from, User to, String content, Instant at) {
        return ((AppendMessage.Appended) store.append().append(message(from, to, content, at, Optional.empty()))).message();
    }

    private static List<Long> seqs(List<Message> page) {
        return page.stream().map(Message::seq).toList();
    }

    private InboxEntry newestOf(User owner) {
        return store.inbox().list(owner.id(), 1).get(0);
    }

    @Test
    @DisplayName("a message goes into the pair's conversation with seq 1, 2, 3, ... and comes back as stored")
    void seqs_count_up() {
        User alice = user("alice");
        User bob = user("bob");

        Message first = send(bob, alice, "hi", at(1));
        Message second = send(alice, bob, "hello", at(2));
        Message third = send(bob, alice, "how are you?", at(3));

        ConversationId conversation = ConversationId.between(alice.id(), bob.id());
        assertThat(List.of(first, second, third)).extracting(Message::seq).containsExactly(1L, 2L, 3L);
        assertThat(List.of(first, second, third)).extracting(Message::id).doesNotHaveDuplicates();
        assertThat(first.conversationId()).isEqualTo(conversation);
        assertThat(first.senderId()).isEqualTo(bob.id());
        assertThat(first.recipientId()).isEqualTo(alice.id());
        assertThat(first.content()).contains(MessageContent.of("hi"));
        assertThat(first.createdAt()).isEqualTo(at(1));
        assertThat(first.clientMessageId()).isEmpty();
        assertThat(store.load().find(conversation, first.id())).contains(first);
        assertThat(store.load().find(first.id())).contains(first);
    }

    @Test
    @DisplayName("a retried send with the same client message id returns the stored message and stores nothing")
    void idempotent() {
        User alice = user("alice");
        User bob = user("bob");
        var original = store.append().append(message(alice, bob, "once", at(1), Optional.of("client-1")));

        var retry = store.append().append(message(alice, bob, "once (edited on retry)", at(9), Optional.of("client-1")));
        Message next = send(alice, bob, "next", at(10));

        assertThat(original).isInstanceOf(AppendMessage.Appended.class);
        assertThat(retry).isInstanceOf(AppendMessage.AlreadyAppended.class);
        assertThat(retry.message()).isEqualTo(original.message());
        assertThat(retry.message().clientMessageId()).contains(ClientMessageId.of("client-1"));
        assertThat(next.seq()).isEqualTo(2);
        assertThat(newestOf(bob).lastSeq()).isEqualTo(2);
    }

    @Test
    @DisplayName("a client message id is the sender's own: the peer, or another conversation, may use the same one")
    void client_message_id_scope() {
        User alice = user("alice");
        User bob = user("bob");
        User carol = user("carol");

        var fromAlice = store.append().append(message(alice, bob, "a", at(1), Optional.of("same")));
        var fromBob = store.append().append(message(bob, alice, "b", at(2), Optional.of("same")));
        var toCarol = store.append().append(message(alice, carol, "c", at(3), Optional.of("same")));

        assertThat(List.of(fromAlice, fromBob, toCarol)).allMatch(AppendMessage.Appended.class::isInstance);
        assertThat(fromBob.message().seq()).isEqualTo(2);
        assertThat(toCarol.message().seq()).isEqualTo(1);
    }

    @Test
    @DisplayName("content comes back character for character, and times to the millisecond")
    void verbatim() {
        User alice = user("alice");
        User bob = user("bob");
        List<String> contents = List.of(
                "emoji 😀👍🏽 and 𝕏 (astral) plus é vs e\u0301",
                "it's \"quoted\" `back` ; DROP TABLE messages; -- /* */ $1 :name ? %s %_ \\ \\\\",
                "<script>alert('x')</script> &amp;",
                "  leading and trailing spaces, tabs\tand\r\nnewlines\n  ",
                "😀".repeat(4000));
        Instant instant = Instant.parse("2026-03-29T01:30:00.987Z");

        for (String content : contents) {
            Message sent = send(alice, bob, content, instant);
            assertThat(sent.content().orElseThrow().value()).isEqualTo(content);
            assertThat(store.load().find(sent.id()).orElseThrow().content().orElseThrow().value()).isEqualTo(content);
            assertThat(store.load().find(sent.id()).orElseThrow().createdAt()).isEqualTo(instant);
        }
        List<String> newestFirst = new ArrayList<>(contents);
        Collections.reverse(newestFirst);
        assertThat(store.load().page(ConversationId.between(alice.id(), bob.id()), alice.id(), HistoryPage.newest()))
                .extracting(m -> m.content().orElseThrow().value()).containsExactlyElementsOf(newestFirst);
        assertThat(newestOf(bob).lastMessageAt()).isEqualTo(instant);
    }

    @Test
    @DisplayName("history pages newest first, with limit and offset; a conversation that never started is empty")
    void limit_and_offset() {
        User alice = user("alice");
        User bob = user("bob");
        for (int i = 1; i <= 7; i++) {
            send(i % 2 == 0 ? alice : bob, i % 2 == 0 ? bob : alice, "m" + i, at(i));
        }
        ConversationId conversation = ConversationId.between(bob.id(), alice.id());

        assertThat(seqs(store.load().page(conversation, alice.id(), HistoryPage.newest()))).containsExactly(7L, 6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(seqs(store.load().page(conversation, alice.id(), new HistoryPage(3, 0, Optional.empty())))).containsExactly(7L, 6L, 5L);
        assertThat(seqs(store.load().page(conversation, alice.id(), new HistoryPage(3, 5, Optional.empty())))).containsExactly(2L, 1L);
        assertThat(store.load().page(conversation, alice.id(), new HistoryPage(3, 7, Optional.empty()))).isEmpty();
        assertThat(store.load().page(ConversationId.between(alice.id(), user("nobody").id()), alice.id(), HistoryPage.newest())).isEmpty();
    }

    @Test
    @DisplayName("a cursor pages older than its message; a cursor from another conversation, or unknown, gives an empty page")
    void cursor() {
        User alice = user("alice");
        User bob = user("bob");
        User carol = user("carol");
        List<Message> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sent.add(send(alice, bob, "m" + i, at(i)));
        }
        Message elsewhere = send(alice, carol, "other", at(6));
        ConversationId conversation = ConversationId.between(alice.id(), bob.id());

        assertThat(seqs(store.load().page(conversation, alice.id(), HistoryPage.before(sent.get(3).id(), 2)))).containsExactly(3L, 2L);
        assertThat(seqs(store.load().page(conversation, alice.id(), new HistoryPage(2, 1, Optional.of(sent.get(3).id())))))
                .containsExactly(2L, 1L);
        assertThat(seqs(store.load().page(conversation, alice.id(), new HistoryPage(10, 2, Optional.of(sent.get(3).id())))))
                .containsExactly(1L);
        assertThat(store.load().page(conversation, alice.id(), HistoryPage.before(sent.get(0).id(), 10))).isEmpty();
        assertThat(store.load().page(conversation, alice.id(), HistoryPage.before(elsewhere.id(), 10))).isEmpty();
        assertThat(store.load().page(conversation, alice.id(), HistoryPage.before(UNKNOWN, 10))).isEmpty();
    }

    @Test
    @DisplayName("finds a message only in its own conversation, and a conversation-list line only where there is one")
    void find() {
        User alice = user("alice");
        User bob = user("bob");
        User carol = user("carol");
        for (int i = 1; i <= 5; i++) {
            send(alice, bob, "m" + i, at(i));
        }
        ConversationId conversation = ConversationId.between(alice.id(), bob.id());
        Message first = store.load().page(conversation, alice.id(), HistoryPage.newest()).get(4);

        assertThat(store.load().find(ConversationId.between(alice.id(), carol.id()), first.id())).isEmpty();
        assertThat(store.load().find(UNKNOWN)).isEmpty();
    }

    @Test
    @DisplayName("both sides' lists show the last message; the sender has read it, the recipient has not, until they reply")
    void both_sides() {
        User alice = user("alice");
        User bob = user("bob");
        send(alice, bob, "one", at(1));
        Message last = send(alice, bob, "two", at(2));

        assertThat(newestOf(alice)).isEqualTo(new InboxEntry(alice.id(), bob.id(), bob.username(), 2, 2, last.id(), at(2), "two"));
        assertThat(newestOf(bob)).isEqualTo(new InboxEntry(bob.id(), alice.id(), alice.username(), 2, 0, last.id(), at(2), "two"));

        send(bob, alice, "three", at(3));

        assertThat(newestOf(bob).unreadCount()).isZero();
        assertThat(newestOf(alice).lastReadSeq()).isEqualTo(2);
        assertThat(newestOf(alice).unreadCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("one line of a list by its peer: the same as in the list; none without a conversation")
    void entry_by_peer() {
        User alice = user("alice");
        User bob = user("bob");
        User carol = user("carol");
        send(alice, bob, "hello", at(1));

        assertThat(store.inbox().entry(bob.id(), alice.id())).contains(newestOf(bob));
        assertThat(store.inbox().entry(alice.id(), bob.id())).contains(newestOf(alice));
        assertThat(store.inbox().entry(alice.id(), carol.id())).isEmpty();
        assertThat(store.inbox().entry(carol.id(), alice.id())).isEmpty();
    }

    @Test
    @DisplayName("the preview is the first 100 code points of the last message, never splitting an emoji")
    void preview() {
        User alice = user("alice");
        User bob = user("bob");

        send(alice, bob, "😀".repeat(150), at(1));

        assertThat(newestOf(bob).lastMessagePreview()).contains("😀".repeat(100));
    }

    @Test
    @DisplayName("a list shows the most recent conversation first, ties broken by the later seq, bounded by the limit")
    void list_order() {
        User owner = user("owner");
        User early = user("early");
        User late = user("late");
        User busy = user("busy");
        User tie = user("tie");
        send(early, owner, "e", at(10));
        send(busy, owner, "b1", at(20));
        send(owner, busy, "b2", at(20));
        send(tie, owner, "t", at(20));
        send(late, owner, "l", at(30));

        assertThat(store.inbox().list(owner.id(), 10)).extracting(InboxEntry::peer)
                .containsExactly(late.id(), busy.id(), tie.id(), early.id());
        assertThat(store.inbox().list(owner.id(), 2)).extracting(InboxEntry::peer).containsExactly(late.id(), busy.id());
        assertThat(store.inbox().list(user("nobody").id(), 10)).isEmpty();
    }

    @Test
    @DisplayName("the total unread is the sum over every conversation, and zero without any")
    void total_unread() {
        User owner = user("owner");
        User a = user("a");
        User b = user("b");
        send(a, owner, "1", at(1));
        send(a, owner, "2", at(2));
        send(b, owner, "3", at(3));
        send(owner, a, "reply", at(4));
        send(a, owner, "4", at(5));
        assertThat(store.inbox().totalUnread(owner.id())).isEqualTo(2);

        send(owner, b, "to b", at(6));
        send(owner, b, "to b again", at(7));

        assertThat(store.inbox().totalUnread(owner.id())).isEqualTo(1);
        assertThat(store.inbox().totalUnread(a.id())).isZero();
        assertThat(store.inbox().totalUnread(b.id())).isEqualTo(2);
        assertThat(store.inbox().totalUnread(user("quiet").id())).isZero();
    }

    @Test
    @DisplayName("notes to self: one conversation with oneself, never unread")
    void notes_to_self() {
        User alice = user("alice");

        Message first = send(alice, alice, "remember the milk", at(1));
        Message second = send(alice, alice, "and eggs", at(2));

        assertThat(first.conversationId()).isEqualTo(ConversationId.between(alice.id(), alice.id()));
        assertThat(second.seq()).isEqualTo(2);
        assertThat(store.inbox().list(alice.id(), 10)).containsExactly(
                new InboxEntry(alice.id(), alice.id(), alice.username(), 2, 2, second.id(), at(2), "and eggs"));
        assertThat(store.inbox().totalUnread(alice.id())).isZero();
        assertThat(store.markers().markRead(alice.id(), alice.id(), Long.MAX_VALUE)).map(MessageStoreContract::marker).contains(List.of(2L, 2L));
    }

    @Test
    @DisplayName("a read marker moves forward, never back, never past the newest message, and stays as new messages arrive")
    void read_markers() {
        User reader = user("reader");
        User writer = user("writer");
        for (int i = 1; i <= 5; i++) {
            send(writer, reader, "m" + i, at(i));
        }

        assertThat(store.markers().markRead(reader.id(), writer.id(), 3)).map(MessageStoreContract::marker).contains(List.of(3L, 5L));
        assertThat(store.inbox().totalUnread(reader.id())).isEqualTo(2);
        assertThat(store.markers().markRead(reader.id(), writer.id(), 2)).map(MessageStoreContract::marker).contains(List.of(3L, 5L));
        assertThat(store.markers().markRead(reader.id(), writer.id(), 0)).map(MessageStoreContract::marker).contains(List.of(3L, 5L));
        assertThat(store.markers().markRead(reader.id(), writer.id(), 99)).map(MessageStoreContract::marker).contains(List.of(5L, 5L));
        assertThat(store.markers().markRead(reader.id(), writer.id(), Long.MAX_VALUE)).map(MessageStoreContract::marker).contains(List.of(5L, 5L));

        send(writer, reader, "new", at(9));

        assertThat(newestOf(reader).lastReadSeq()).isEqualTo(5);
        assertThat(newestOf(reader).unreadCount()).isEqualTo(1);
        assertThat(store.markers().markRead(writer.id(), reader.id(), 1)).as("the writer has read everything they sent")
                .map(MessageStoreContract::marker).contains(List.of(6L, 6L));
    }

    @Test
    @DisplayName("there is no read marker without a conversation, and a negative seq is refused")
    void no_conversation() {
        User reader = user("reader");
        User stranger = user("stranger");

        assertThat(store.markers().markRead(reader.id(), stranger.id(), 1)).isEmpty();
        assertThatThrownBy(() -> store.markers().markRead(reader.id(), stranger.id(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("concurrent sends into one conversation get contiguous seqs, and retries of one client message id store it once")
    void concurrent_sends() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<AppendMessage.Outcome>> sends = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                sends.add(() -> store.append().append(message(n % 2 == 0 ? alice : bob, n % 2 == 0 ? bob : alice,
                        "m" + n, at(n), Optional.of(n < 30 ? "c" + n : "retried"))));
            }
            List<Message> appended = new ArrayList<>();
            int duplicates = 0;
            for (Future<AppendMessage.Outcome> outcome : pool.invokeAll(sends)) {
                if (outcome.get() instanceof AppendMessage.Appended) {
                    appended.add(outcome.get().message());
                } else {
                    duplicates++;
                }
            }
            // "retried" is used by both senders (n 30..39, even: alice, odd: bob): one message each
            assertThat(appended).hasSize(32);
            assertThat(duplicates).isEqualTo(8);
            assertThat(appended).extracting(Message::seq).containsExactlyInAnyOrderElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, 32).boxed().toList());
            assertThat(newestOf(alice).lastSeq()).isEqualTo(32);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A read state's marker and newest seq, without its position and unread count. */
    private static List<Long> marker(ReadState state) {
        return List.of(state.lastReadSeq(), state.lastSeq());
    }
}
