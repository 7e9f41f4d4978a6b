package io.chatplatform.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.application.port.out.AppendMessage.NewMessage;
import io.chatplatform.application.port.out.AppendMessage.Participant;
import io.chatplatform.application.port.out.AppendMessage;
import io.chatplatform.application.port.out.ChangeMessages;
import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.application.port.out.LoadChanges;
import io.chatplatform.application.port.out.LoadInbox;
import io.chatplatform.application.port.out.LoadMessages;
import io.chatplatform.application.port.out.MoveReadMarker.ReadState;
import io.chatplatform.application.port.out.MoveReadMarker;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.limit.MessageChangeLimits;
import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.EarlierVersion;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.Reaction;
import io.chatplatform.domain.message.change.Decision;
import io.chatplatform.domain.message.change.MessageChangePolicy;
import io.chatplatform.domain.realtime.ConversationChange;
import io.chatplatform.domain.realtime.DeliveryMarkerMoved;
import io.chatplatform.domain.realtime.MessageCreated;
import io.chatplatform.domain.realtime.MessageDeleted;
import io.chatplatform.domain.realtime.MessageEdited;
import io.chatplatform.domain.realtime.ReactionUpdated;
import io.chatplatform.domain.realtime.ReadMarkerMoved;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every store behind the message ports ({@link AppendMessage}, {@link LoadMessages},
 * {@link LoadInbox}, {@link MoveReadMarker}, {@link ChangeMessages}, {@link LoadChanges}) must do,
 * run against an implementation by extending this class:
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
 * <p>The changes are asked for with the domain's {@link MessageChangePolicy} as their rule, as the
 * application asks for them, under limits small enough to reach: an edit window of an hour,
 * {@value #EDIT_VERSIONS} earlier versions, {@value #EMOJI} distinct emoji per message.
 *
 * <p>Every test works with users it creates, so the store may hold other tests' data.
 */
public abstract class MessageStoreContract {

    /** A store's six message ports; usually one object, but each may be its own. */
    public record MessagePorts(AppendMessage append, LoadMessages load, LoadInbox inbox, MoveReadMarker markers,
                               ChangeMessages changes, LoadChanges stream) {
        /** Checks that no port is missing. */
        public MessagePorts {
            Objects.requireNonNull(append, "append");
            Objects.requireNonNull(load, "load");
            Objects.requireNonNull(inbox, "inbox");
            Objects.requireNonNull(markers, "markers");
            Objects.requireNonNull(changes, "changes");
            Objects.requireNonNull(stream, "stream");
        }

        /** The six ports of one store. */
        public static <S extends AppendMessage & LoadMessages & LoadInbox & MoveReadMarker & ChangeMessages & LoadChanges>
                MessagePorts of(S store) {
            return new MessagePorts(store, store, store, store, store, store);
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

        // alice has read and received what she sent, and bob's line says so; two messages, two positions
        assertThat(newestOf(alice)).isEqualTo(new InboxEntry(alice.id(), bob.id(), bob.username(), 2, 2, 0, last.id(), at(2),
                Optional.of("two"), 2, 0, 0));
        assertThat(newestOf(bob)).isEqualTo(new InboxEntry(bob.id(), alice.id(), alice.username(), 2, 0, 0, last.id(), at(2),
                Optional.of("two"), 2, 2, 2));

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
                    LongStream.rangeClosed(1, 32).boxed().toList());
            assertThat(newestOf(alice).lastSeq()).isEqualTo(32);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- messages that change, and the change stream -------------------------------------------

    /** Earlier versions a message may keep in these tests. */
    protected static final int EDIT_VERSIONS = 3;
    /** Distinct emoji a message may carry in these tests. */
    protected static final int EMOJI = 3;

    private static final MessageChangePolicy POLICY = new MessageChangePolicy(
            new MessageChangeLimits(Optional.of(Duration.ofHours(1)), EDIT_VERSIONS, EMOJI));

    private ChangeMessages.Result<Decision.Edit> edit(User editor, MessageId message, String content, Instant at) {
        MessageContent text = MessageContent.of(content);
        return store.changes().edit(message, editor.id(), text, at,
                state -> state.map(found -> POLICY.edit(editor.id(), found, text, at)).orElse(Decision.NOT_FOUND));
    }

    private ChangeMessages.Result<Decision.DeleteForEveryone> delete(User user, MessageId message, Instant at) {
        return store.changes().deleteForEveryone(message, user.id(), at,
                state -> state.map(found -> POLICY.deleteForEveryone(user.id(), found)).orElse(Decision.NOT_FOUND));
    }

    private ChangeMessages.Result<Decision.DeleteForMe> hide(User user, MessageId message, Instant at) {
        return store.changes().hide(message, user.id(), at,
                (state, hidden) -> state.map(found -> POLICY.deleteForMe(user.id(), found, hidden)).orElse(Decision.NOT_FOUND));
    }

    private ChangeMessages.Result<Decision.React> react(User user, MessageId message, String emoji, Instant at) {
        Emoji value = Emoji.of(emoji);
        return store.changes().react(message, user.id(), value, at,
                state -> state.map(found -> POLICY.react(user.id(), found, value)).orElse(Decision.NOT_FOUND));
    }

    private ChangeMessages.Result<Decision.Unreact> unreact(User user, MessageId message, String emoji, Instant at) {
        Emoji value = Emoji.of(emoji);
        return store.changes().unreact(message, user.id(), value, at,
                state -> state.map(found -> POLICY.unreact(user.id(), found, value)).orElse(Decision.NOT_FOUND));
    }

    private static ConversationId between(User a, User b) {
        return ConversationId.between(a.id(), b.id());
    }

    /** The whole stream as {@code viewer} replays it. */
    private List<ConversationChange> stream(User viewer, User peer) {
        return store.stream().after(between(viewer, peer), viewer.id(), 0, 1000);
    }

    private List<Long> positions(User viewer, User peer) {
        return stream(viewer, peer).stream().map(ConversationChange::position).toList();
    }

    private InboxEntry line(User owner, User peer) {
        return store.inbox().entry(owner.id(), peer.id()).orElseThrow();
    }

    private Message stored(Message message) {
        return store.load().find(message.id()).orElseThrow();
    }

    private static long written(ChangeMessages.Result<?> result) {
        assertThat(result.decision()).isEqualTo(Decision.ALLOWED);
        return result.change().orElseThrow().position();
    }

    private static Reaction reaction(String emoji, User... users) {
        return Reaction.of(Emoji.of(emoji), Arrays.stream(users).map(User::id).toList());
    }

    private Message send(User from, User to, String content, Instant at, Optional<MessageId> replyTo) {
        return ((AppendMessage.Appended) store.append().append(new NewMessage(participant(from), participant(to),
                MessageContent.of(content), Optional.empty(), at, replyTo))).message();
    }

    @Test
    @DisplayName("every change takes the conversation's next position: messages, edits, deletions, reactions and markers, contiguous")
    void positions_contiguous_across_kinds() {
        User alice = user("alice");
        User bob = user("bob");
        var first = (AppendMessage.Appended) store.append().append(message(alice, bob, "one", at(1), Optional.empty()));
        var second = (AppendMessage.Appended) store.append().append(message(bob, alice, "two", at(2), Optional.empty()));
        MessageId one = first.message().id();
        MessageId two = second.message().id();

        var delivered = store.markers().markDelivered(alice.id(), bob.id(), 2);
        var read = store.markers().markRead(alice.id(), bob.id(), 2);
        long edited = written(edit(alice, one, "one, edited", at(5)));
        long reacted = written(react(bob, one, "👍", at(6)));
        long unreacted = written(unreact(bob, one, "👍", at(7)));
        long hidden = written(hide(bob, two, at(8)));
        assertThat(line(alice, bob).lastPosition()).as("alice does not see bob's hiding").isEqualTo(7);
        assertThat(line(bob, alice).lastPosition()).isEqualTo(8);
        long deleted = written(delete(alice, one, at(9)));
        var third = (AppendMessage.Appended) store.append().append(message(bob, alice, "three", at(10), Optional.empty()));

        assertThat(List.of(first.position(), second.position(), delivered.orElseThrow().position(),
                read.orElseThrow().position().orElseThrow(), edited, reacted, unreacted, hidden, deleted, third.position()))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(positions(bob, alice)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(positions(alice, bob)).as("bob's deletion for himself is a hole in alice's stream")
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 9L, 10L);
        assertThat(stream(bob, alice)).extracting(change -> change.getClass().getSimpleName()).containsExactly(
                "MessageCreated", "MessageCreated", "DeliveryMarkerMoved", "ReadMarkerMoved", "MessageEdited",
                "ReactionUpdated", "ReactionUpdated", "MessageDeleted", "MessageDeleted", "MessageCreated");
        assertThat(line(alice, bob).lastPosition()).isEqualTo(10);
        assertThat(line(bob, alice).lastPosition()).isEqualTo(10);
        assertThat(positions(alice, user("stranger"))).as("a conversation that never started").isEmpty();
    }

    @Test
    @DisplayName("a replayed change shows its message as it stands now, as the viewer may see it; markers as they moved")
    void replay_carries_current_state() {
        User alice = user("alice");
        User bob = user("bob");
        Message one = send(alice, bob, "one", at(1));
        edit(alice, one.id(), "one, edited", at(2));
        react(bob, one.id(), "👍", at(3));
        store.markers().markDelivered(bob.id(), alice.id(), 1);
        store.markers().markRead(bob.id(), alice.id(), 1);
        hide(alice, one.id(), at(4));
        Message now = stored(one);

        List<ConversationChange> forAlice = stream(alice, bob);
        assertThat(now.content()).contains(MessageContent.of("one, edited"));
        assertThat(now.editedAt()).contains(at(2));
        assertThat(now.reactions().entries()).containsExactly(reaction("👍", bob));
        assertThat(forAlice.get(0)).isEqualTo(new MessageCreated(now, 1));
        assertThat(forAlice.get(1)).isEqualTo(new MessageEdited(now, 2));
        assertThat(forAlice.get(2)).isEqualTo(new ReactionUpdated(now, bob.id(), 3));
        assertThat(forAlice.get(3)).isEqualTo(new DeliveryMarkerMoved(between(alice, bob), bob.id(), 1, 4));
        assertThat(forAlice.get(4)).isEqualTo(new ReadMarkerMoved(between(alice, bob), bob.id(), 1, 5));
        assertThat(forAlice.get(5)).isEqualTo(new MessageDeleted(now, Optional.of(alice.id()), 6));
        assertThat(stream(bob, alice)).hasSize(5);

        delete(alice, one.id(), at(5));
        Message tombstone = stored(one);

        assertThat(stream(bob, alice)).as("a replay long after shows the tombstone, never the old text")
                .containsExactly(new MessageCreated(tombstone, 1), new MessageEdited(tombstone, 2),
                        new ReactionUpdated(tombstone, bob.id(), 3),
                        new DeliveryMarkerMoved(between(alice, bob), bob.id(), 1, 4),
                        new ReadMarkerMoved(between(alice, bob), bob.id(), 1, 5),
                        new MessageDeleted(tombstone, Optional.empty(), 7));
    }

    @Test
    @DisplayName("the stream pages by position and limit, and refuses a negative position or a limit below 1")
    void stream_pages() {
        User alice = user("alice");
        User bob = user("bob");
        List<Message> sent = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            sent.add(send(alice, bob, "m" + i, at(i)));
        }
        hide(bob, sent.get(0).id(), at(5));
        hide(bob, sent.get(1).id(), at(6));
        send(bob, alice, "m5", at(7));

        ConversationId conversation = between(alice, bob);
        assertThat(store.stream().after(conversation, alice.id(), 3, 2)).extracting(ConversationChange::position)
                .as("the limit counts what the viewer sees").containsExactly(4L, 7L);
        assertThat(store.stream().after(conversation, bob.id(), 3, 2)).extracting(ConversationChange::position)
                .containsExactly(4L, 5L);
        assertThat(store.stream().after(conversation, bob.id(), 7, 10)).isEmpty();
        assertThatThrownBy(() -> store.stream().after(conversation, bob.id(), -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.stream().after(conversation, bob.id(), 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("a deletion for everyone leaves a tombstone with its seq, its sender and what it replied to, and nothing of its text")
    void tombstone_keeps_seq() {
        User alice = user("alice");
        User bob = user("bob");
        Message one = send(alice, bob, "one", at(1));
        Message two = send(alice, bob, "two", at(2), Optional.of(one.id()));
        Message three = send(bob, alice, "three", at(3));
        edit(alice, two.id(), "two, edited", at(4));
        react(bob, two.id(), "👍", at(5));

        var deleted = delete(alice, two.id(), at(6));

        Message tombstone = deleted.message().orElseThrow();
        assertThat(tombstone.seq()).isEqualTo(2);
        assertThat(tombstone.content()).isEmpty();
        assertThat(tombstone.deletedAt()).contains(at(6));
        assertThat(tombstone.editedAt()).isEmpty();
        assertThat(tombstone.reactions().isEmpty()).isTrue();
        assertThat(tombstone.replyTo()).contains(one.id());
        assertThat(tombstone.senderId()).isEqualTo(alice.id());
        assertThat(tombstone.createdAt()).isEqualTo(at(2));
        assertThat(deleted.change()).contains(new MessageDeleted(tombstone, Optional.empty(), 6));
        assertThat(stored(two)).isEqualTo(tombstone);
        assertThat(store.load().earlierVersions(between(alice, bob), two.id())).isEmpty();
        assertThat(store.load().page(between(alice, bob), bob.id(), HistoryPage.newest()))
                .containsExactly(stored(three), tombstone, stored(one));
        assertThat(send(bob, alice, "four", at(7)).seq()).isEqualTo(4);
        assertThat(edit(alice, two.id(), "back", at(8)).decision()).isEqualTo(Decision.GONE);
        assertThat(react(bob, two.id(), "👍", at(8)).decision()).isEqualTo(Decision.GONE);
        assertThat(unreact(bob, two.id(), "👍", at(8)).decision()).isEqualTo(Decision.GONE);
        assertThat(hide(bob, two.id(), at(8)).decision()).as("a tombstone can still be hidden").isEqualTo(Decision.ALLOWED);
        assertThat(send(bob, alice, "replying to a tombstone", at(9), Optional.of(two.id())).replyTo()).contains(two.id());
    }

    @Test
    @DisplayName("unread counts leave out what was deleted or hidden after the marker, count it once, and read markers pass it")
    void unread_arithmetic() {
        User reader = user("reader");
        User writer = user("writer");
        List<Message> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sent.add(send(writer, reader, "m" + i, at(i)));
        }
        assertThat(line(reader, writer).unreadCount()).isEqualTo(5);

        delete(writer, sent.get(1).id(), at(10));
        assertThat(line(reader, writer).unreadCount()).isEqualTo(4);
        assertThat(line(writer, reader).unreadCount()).as("the writer's own message was never unread for them").isZero();
        hide(reader, sent.get(2).id(), at(11));
        assertThat(line(reader, writer).unreadCount()).isEqualTo(3);
        hide(reader, sent.get(1).id(), at(12));
        assertThat(line(reader, writer).unreadCount()).as("hiding a deleted message removes nothing more").isEqualTo(3);
        assertThat(line(reader, writer).removedUnread()).isEqualTo(2);
        edit(writer, sent.get(4).id(), "m5, edited", at(13));
        assertThat(line(reader, writer).unreadCount()).as("an edit does not make a message unread again").isEqualTo(3);
        assertThat(store.inbox().totalUnread(reader.id())).isEqualTo(3);

        ReadState read = store.markers().markRead(reader.id(), writer.id(), 3).orElseThrow();

        assertThat(read.lastReadSeq()).isEqualTo(3);
        assertThat(read.unreadCount()).isEqualTo(2);
        assertThat(read.position()).isPresent();
        assertThat(line(reader, writer).removedUnread()).as("both removed messages were passed").isZero();
        assertThat(line(reader, writer).unreadCount()).isEqualTo(2);

        delete(writer, sent.get(3).id(), at(14));
        hide(reader, sent.get(0).id(), at(15));
        assertThat(line(reader, writer).unreadCount()).as("a removal before the marker changes nothing").isEqualTo(1);
        Message own = send(reader, writer, "mine", at(16));
        assertThat(line(reader, writer).unreadCount()).isZero();
        assertThat(line(reader, writer).removedUnread()).isZero();
        delete(reader, own.id(), at(17));
        assertThat(line(reader, writer).unreadCount()).isZero();
        assertThat(line(writer, reader).unreadCount()).as("the reader's deleted message is no longer unread for the writer")
                .isZero();
        assertThat(store.inbox().totalUnread(writer.id())).isZero();

        // the peer hid it first, then the sender deleted it: one removal, and a mark-read passes it once
        Message late = send(writer, reader, "late", at(18));
        hide(reader, late.id(), at(19));
        delete(writer, late.id(), at(20));
        assertThat(line(reader, writer).removedUnread()).isEqualTo(1);
        assertThat(line(reader, writer).unreadCount()).isZero();
        ReadState all = store.markers().markRead(reader.id(), writer.id(), Long.MAX_VALUE).orElseThrow();
        assertThat(List.of(all.lastReadSeq(), all.lastSeq(), all.unreadCount())).containsExactly(7L, 7L, 0L);
        assertThat(line(reader, writer).removedUnread()).isZero();
    }

    @Test
    @DisplayName("a mark-read that moves nothing writes nothing; one that moves is a change both lines see")
    void read_marker_positions() {
        User reader = user("reader");
        User writer = user("writer");
        send(writer, reader, "one", at(1));
        send(writer, reader, "two", at(2));

        ReadState first = store.markers().markRead(reader.id(), writer.id(), 1).orElseThrow();
        ReadState again = store.markers().markRead(reader.id(), writer.id(), 1).orElseThrow();
        ReadState back = store.markers().markRead(reader.id(), writer.id(), 0).orElseThrow();

        assertThat(first.position()).hasValue(3);
        assertThat(first.unreadCount()).isEqualTo(1);
        assertThat(again).isEqualTo(new ReadState(1, 2, 1, OptionalLong.empty()));
        assertThat(back).isEqualTo(again);
        assertThat(positions(writer, reader)).containsExactly(1L, 2L, 3L);
        assertThat(line(writer, reader).lastPosition()).isEqualTo(3);
        assertThat(line(reader, writer).lastPosition()).isEqualTo(3);
    }

    @Test
    @DisplayName("the preview follows edits and deletions of the newest message, and is gone for whoever hid it")
    void previews_follow() {
        User alice = user("alice");
        User bob = user("bob");
        Message one = send(alice, bob, "one", at(1));
        Message two = send(alice, bob, "two", at(2));

        edit(alice, two.id(), "two, edited", at(3));
        assertThat(line(alice, bob).lastMessagePreview()).contains("two, edited");
        assertThat(line(bob, alice).lastMessagePreview()).contains("two, edited");
        edit(alice, one.id(), "one, edited", at(4));
        assertThat(line(bob, alice).lastMessagePreview()).as("not the newest").contains("two, edited");

        hide(bob, two.id(), at(5));
        assertThat(line(bob, alice).lastMessagePreview()).isEmpty();
        assertThat(line(alice, bob).lastMessagePreview()).contains("two, edited");
        edit(alice, two.id(), "two, again", at(6));
        assertThat(line(alice, bob).lastMessagePreview()).contains("two, again");
        assertThat(line(bob, alice).lastMessagePreview()).as("still hidden from bob").isEmpty();

        delete(alice, two.id(), at(7));
        assertThat(line(alice, bob).lastMessagePreview()).isEmpty();
        assertThat(line(bob, alice).lastMessagePreview()).isEmpty();
        assertThat(line(alice, bob).lastSeq()).isEqualTo(2);
        assertThat(line(alice, bob).lastMessageId()).isEqualTo(two.id());

        send(bob, alice, "three", at(8));
        assertThat(line(alice, bob).lastMessagePreview()).contains("three");
        assertThat(line(bob, alice).lastMessagePreview()).contains("three");
    }

    @Test
    @DisplayName("each line carries the peer's read and delivery markers: forward only, capped at the newest message, none in notes to self")
    void peer_markers() {
        User alice = user("alice");
        User bob = user("bob");
        for (int i = 1; i <= 3; i++) {
            send(alice, bob, "m" + i, at(i));
        }
        assertThat(List.of(line(bob, alice).peerReadSeq(), line(bob, alice).peerDeliveredSeq())).containsExactly(3L, 3L);
        assertThat(List.of(line(alice, bob).peerReadSeq(), line(alice, bob).peerDeliveredSeq())).containsExactly(0L, 0L);

        var delivered = store.markers().markDelivered(bob.id(), alice.id(), 2);

        assertThat(delivered).contains(new MoveReadMarker.Delivered(2, 4));
        assertThat(line(alice, bob).peerDeliveredSeq()).isEqualTo(2);
        assertThat(line(alice, bob).lastPosition()).isEqualTo(4);
        assertThat(store.markers().markDelivered(bob.id(), alice.id(), 2)).isEmpty();
        assertThat(store.markers().markDelivered(bob.id(), alice.id(), 1)).isEmpty();
        assertThat(store.markers().markDelivered(bob.id(), alice.id(), 99)).contains(new MoveReadMarker.Delivered(3, 5));
        assertThat(store.markers().markDelivered(bob.id(), alice.id(), Long.MAX_VALUE)).isEmpty();

        store.markers().markRead(bob.id(), alice.id(), 1);
        assertThat(List.of(line(alice, bob).peerReadSeq(), line(alice, bob).peerDeliveredSeq())).containsExactly(1L, 3L);
        store.markers().markRead(bob.id(), alice.id(), 3);
        assertThat(store.markers().markDelivered(bob.id(), alice.id(), 3)).as("read implies received").isEmpty();
        assertThat(List.of(line(alice, bob).peerReadSeq(), line(alice, bob).peerDeliveredSeq())).containsExactly(3L, 3L);

        send(bob, alice, "reply", at(9));
        assertThat(List.of(line(alice, bob).peerReadSeq(), line(alice, bob).peerDeliveredSeq())).containsExactly(4L, 4L);
        assertThat(List.of(line(bob, alice).peerReadSeq(), line(bob, alice).peerDeliveredSeq())).containsExactly(3L, 3L);
        assertThat(store.markers().markDelivered(alice.id(), bob.id(), 4)).contains(new MoveReadMarker.Delivered(4, 9));
        assertThat(line(bob, alice).peerDeliveredSeq()).isEqualTo(4);

        User carol = user("carol");
        send(carol, carol, "note", at(10));
        assertThat(store.markers().markDelivered(carol.id(), carol.id(), 1)).isEmpty();
        assertThat(store.markers().markDelivered(carol.id(), alice.id(), 1)).as("no conversation").isEmpty();
        assertThat(List.of(line(carol, carol).peerReadSeq(), line(carol, carol).peerDeliveredSeq())).containsExactly(0L, 0L);
    }

    @Test
    @DisplayName("a message seq maps to the position of its creation, and a position to the newest message created by then")
    void message_positions() {
        User alice = user("alice");
        User bob = user("bob");
        Message one = send(alice, bob, "one", at(1));
        react(bob, one.id(), "👍", at(2));
        Message two = send(bob, alice, "two", at(3));
        edit(bob, two.id(), "two, edited", at(4));
        send(alice, bob, "three", at(5));
        ConversationId conversation = between(alice, bob);
        var stream = store.stream();

        assertThat(List.of(0L, 1L, 2L, 3L, 4L, 99L)).map(seq -> stream.positionOfMessage(conversation, seq))
                .containsExactly(0L, 1L, 3L, 5L, 5L, 5L);
        assertThat(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 100L)).map(position -> stream.messageSeqAt(conversation, position))
                .containsExactly(0L, 1L, 1L, 2L, 2L, 3L, 3L, 3L);
        ConversationId never = between(alice, user("nobody"));
        assertThat(stream.positionOfMessage(never, 5)).isZero();
        assertThat(stream.messageSeqAt(never, 5)).isZero();
        assertThatThrownBy(() -> stream.positionOfMessage(conversation, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("an edit keeps the replaced text: versions oldest first, the original without a time, later ones when they were made")
    void edit_history() {
        User alice = user("alice");
        User bob = user("bob");
        Message message = send(alice, bob, "v1", at(1));

        var first = edit(alice, message.id(), "v2", at(10));
        var second = edit(alice, message.id(), "v3", at(20));

        assertThat(first.message().orElseThrow().content()).contains(MessageContent.of("v2"));
        assertThat(second.message()).contains(stored(message));
        assertThat(stored(message).editedAt()).contains(at(20));
        assertThat(second.change()).contains(new MessageEdited(stored(message), 3));
        assertThat(store.load().earlierVersions(between(alice, bob), message.id())).containsExactly(
                new EarlierVersion(MessageContent.of("v1"), Optional.empty()),
                new EarlierVersion(MessageContent.of("v2"), Optional.of(at(10))));
        assertThat(store.load().earlierVersions(between(alice, user("carol")), message.id()))
                .as("not a message of that conversation").isEmpty();
        assertThat(store.load().earlierVersions(between(alice, bob), send(bob, alice, "never edited", at(21)).id())).isEmpty();

        assertThat(edit(alice, message.id(), "v3", at(30)).decision()).isEqualTo(Decision.UNCHANGED);
        assertThat(edit(bob, message.id(), "bob's words", at(30)).decision()).isEqualTo(Decision.NOT_FOUND);
        written(edit(alice, message.id(), "v4", at(40)));
        assertThat(edit(alice, message.id(), "v5", at(50)).decision()).isEqualTo(new Decision.TooManyEdits(EDIT_VERSIONS));
        assertThat(edit(alice, send(alice, bob, "late", at(60)).id(), "too late", at(60).plus(Duration.ofHours(2))).decision())
                .isEqualTo(new Decision.WindowClosed(at(60).plus(Duration.ofHours(1))));
        assertThat(store.load().earlierVersions(between(alice, bob), message.id()))
                .extracting(version -> version.content().value()).containsExactly("v1", "v2", "v3");
        assertThat(stored(message).content()).contains(MessageContent.of("v4"));
    }

    @Test
    @DisplayName("reactions: one per user and emoji, emoji in the order of their first use, users by id, a bounded number of emoji")
    void reactions_order() {
        User alice = user("alice");
        User bob = user("bob");
        Message message = send(alice, bob, "react to me", at(1));
        MessageId id = message.id();

        written(react(alice, id, "👍", at(2)));
        written(react(bob, id, "❤️", at(3)));
        var joined = react(bob, id, "👍", at(4));
        assertThat(joined.message().orElseThrow().reactions().entries())
                .containsExactly(reaction("👍", alice, bob), reaction("❤️", bob));
        written(unreact(alice, id, "👍", at(5)));
        assertThat(stored(message).reactions().entries()).as("👍 keeps its place while bob's is there")
                .containsExactly(reaction("👍", bob), reaction("❤️", bob));
        written(unreact(bob, id, "👍", at(6)));
        written(react(alice, id, "👍", at(7)));
        assertThat(stored(message).reactions().entries()).as("used again, 👍 goes last")
                .containsExactly(reaction("❤️", bob), reaction("👍", alice));

        written(react(alice, id, "😀", at(8)));
        assertThat(react(bob, id, "🎉", at(9)).decision()).isEqualTo(new Decision.TooManyEmoji(EMOJI));
        written(react(bob, id, "😀", at(10)));
        assertThat(react(bob, id, "❤", at(11)).decision()).as("❤ and ❤️ are one emoji").isEqualTo(Decision.UNCHANGED);

        List<Reaction> expected = List.of(reaction("❤️", bob), reaction("👍", alice), reaction("😀", alice, bob));
        assertThat(stored(message).reactions().entries()).containsExactlyElementsOf(expected);
        assertThat(store.load().page(between(alice, bob), alice.id(), HistoryPage.newest()).get(0).reactions().entries())
                .containsExactlyElementsOf(expected);
        assertThat(((ReactionUpdated) stream(alice, bob).get(1)).message().reactions().entries())
                .containsExactlyElementsOf(expected);
        assertThat(unreact(user("stranger"), id, "😀", at(12)).decision()).isEqualTo(Decision.NOT_FOUND);
    }

    @Test
    @DisplayName("a repeated change is Unchanged: it writes nothing, takes no position, and answers with the message as it stands")
    void idempotent_repeats() {
        User alice = user("alice");
        User bob = user("bob");
        var original = store.append().append(message(alice, bob, "once", at(1), Optional.of("client-c")));
        MessageId id = original.message().id();
        written(react(bob, id, "👍", at(2)));
        written(hide(bob, id, at(3)));
        written(edit(alice, id, "twice", at(4)));
        Message before = stored(original.message());
        InboxEntry alicesLine = line(alice, bob);
        InboxEntry bobsLine = line(bob, alice);

        List<ChangeMessages.Result<?>> repeats = List.of(react(bob, id, "👍", at(5)), unreact(alice, id, "👍", at(5)),
                hide(bob, id, at(5)), edit(alice, id, "twice", at(5)));

        for (ChangeMessages.Result<?> repeat : repeats) {
            assertThat(repeat.decision()).isEqualTo(Decision.UNCHANGED);
            assertThat(repeat.change()).isEmpty();
            assertThat(repeat.message()).contains(before);
        }
        var retried = store.append().append(message(alice, bob, "once", at(6), Optional.of("client-c")));
        assertThat(retried).isEqualTo(new AppendMessage.AlreadyAppended(before));
        written(delete(alice, id, at(7)));
        var deletedAgain = delete(alice, id, at(8));
        assertThat(deletedAgain.decision()).isEqualTo(Decision.UNCHANGED);
        assertThat(deletedAgain.message()).contains(stored(before));
        assertThat(positions(bob, alice)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(line(alice, bob).lastPosition()).isEqualTo(alicesLine.lastPosition() + 1);
        assertThat(line(bob, alice).lastPosition()).isEqualTo(bobsLine.lastPosition() + 1);
    }

    @Test
    @DisplayName("a refused change writes nothing: another user's message, an unknown id, a rule that says no")
    void refusals_write_nothing() {
        User alice = user("alice");
        User bob = user("bob");
        User stranger = user("stranger");
        Message message = send(alice, bob, "private", at(1));
        InboxEntry alicesLine = line(alice, bob);

        assertThat(edit(stranger, message.id(), "mine now", at(2)).decision()).isEqualTo(Decision.NOT_FOUND);
        assertThat(delete(bob, message.id(), at(2)).decision()).as("only its sender deletes for everyone")
                .isEqualTo(Decision.NOT_FOUND);
        assertThat(hide(stranger, message.id(), at(2)).decision()).isEqualTo(Decision.NOT_FOUND);
        assertThat(react(stranger, message.id(), "👍", at(2)).decision()).isEqualTo(Decision.NOT_FOUND);
        var refused = store.changes().edit(message.id(), alice.id(), MessageContent.of("no"), at(2),
                state -> new Decision.WindowClosed(at(0)));
        assertThat(refused.decision()).isEqualTo(new Decision.WindowClosed(at(0)));
        assertThat(refused.message()).contains(message);
        assertThat(refused.change()).isEmpty();
        var unknown = edit(alice, UNKNOWN, "nothing", at(2));
        assertThat(unknown.decision()).isEqualTo(Decision.NOT_FOUND);
        assertThat(unknown.message()).isEmpty();
        assertThat(store.changes().react(UNKNOWN, alice.id(), Emoji.of("👍"), at(2), state -> {
            assertThat(state).isEmpty();
            return Decision.NOT_FOUND;
        }).message()).isEmpty();

        assertThat(stored(message)).isEqualTo(message);
        assertThat(store.load().earlierVersions(between(alice, bob), message.id())).isEmpty();
        assertThat(positions(alice, bob)).containsExactly(1L);
        assertThat(line(alice, bob)).isEqualTo(alicesLine);
        assertThat(store.load().page(between(alice, bob), bob.id(), HistoryPage.newest())).containsExactly(message);
    }

    @Test
    @DisplayName("the rule sees the message as it stands: its earlier versions, its reactions, and whether the user hid it")
    void rules_see_the_state() {
        User alice = user("alice");
        User bob = user("bob");
        Message message = send(alice, bob, "v1", at(1));
        edit(alice, message.id(), "v2", at(2));
        edit(alice, message.id(), "v3", at(3));
        react(bob, message.id(), "👍", at(4));
        hide(bob, message.id(), at(5));
        List<Object> seen = new ArrayList<>();

        store.changes().edit(message.id(), alice.id(), MessageContent.of("v4"), at(6), state -> {
            seen.add(state.orElseThrow().earlierVersions());
            seen.add(state.orElseThrow().reactions().entries());
            seen.add(state.orElseThrow().content().orElseThrow().value());
            return Decision.UNCHANGED;
        });
        store.changes().hide(message.id(), bob.id(), at(6), (state, hidden) -> {
            seen.add(hidden);
            return Decision.UNCHANGED;
        });
        store.changes().hide(message.id(), alice.id(), at(6), (state, hidden) -> {
            seen.add(hidden);
            return Decision.UNCHANGED;
        });

        assertThat(seen).containsExactly(2, List.of(reaction("👍", bob)), "v3", true, false);
    }

    @Test
    @DisplayName("a hidden message is left out of its hider's history only, offsets count what is left, and it stays a cursor")
    void hidden_from_history() {
        User alice = user("alice");
        User bob = user("bob");
        List<Message> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sent.add(send(i % 2 == 0 ? bob : alice, i % 2 == 0 ? alice : bob, "m" + i, at(i)));
        }
        hide(bob, sent.get(3).id(), at(6));
        hide(bob, sent.get(1).id(), at(7));
        ConversationId conversation = between(alice, bob);

        assertThat(seqs(store.load().page(conversation, bob.id(), HistoryPage.newest()))).containsExactly(5L, 3L, 1L);
        assertThat(seqs(store.load().page(conversation, alice.id(), HistoryPage.newest()))).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(seqs(store.load().page(conversation, bob.id(), new HistoryPage(1, 1, Optional.empty())))).containsExactly(3L);
        assertThat(seqs(store.load().page(conversation, bob.id(), HistoryPage.before(sent.get(3).id(), 10)))).containsExactly(3L, 1L);
        assertThat(store.load().find(conversation, sent.get(3).id())).contains(sent.get(3));
    }

    @Test
    @DisplayName("a reply names the message it answers, through edits and deletions of either")
    void replies() {
        User alice = user("alice");
        User bob = user("bob");
        Message question = send(alice, bob, "question?", at(1));

        Message answer = send(bob, alice, "answer", at(2), Optional.of(question.id()));

        assertThat(answer.replyTo()).contains(question.id());
        assertThat(stored(answer).replyTo()).contains(question.id());
        delete(alice, question.id(), at(3));
        edit(bob, answer.id(), "answer, edited", at(4));
        assertThat(stored(answer).replyTo()).contains(question.id());
        delete(bob, answer.id(), at(5));
        assertThat(stored(answer).replyTo()).contains(question.id());
        assertThat(question.replyTo()).isEmpty();
    }

    /** A read state's marker and newest seq, without its position and unread count. */
    private static List<Long> marker(ReadState state) {
        return List.of(state.lastReadSeq(), state.lastSeq());
    }
}
