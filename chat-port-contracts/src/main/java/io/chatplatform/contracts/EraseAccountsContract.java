package io.chatplatform.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.port.out.AppendMessage;
import io.chatplatform.application.port.out.AppendMessage.NewMessage;
import io.chatplatform.application.port.out.AppendMessage.Participant;
import io.chatplatform.application.port.out.BlockStore;
import io.chatplatform.application.port.out.ChangeMessages;
import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.application.port.out.EraseAccounts;
import io.chatplatform.application.port.out.EraseAccounts.Erased;
import io.chatplatform.application.port.out.EraseAccounts.Step;
import io.chatplatform.application.port.out.FindUsers.DirectoryEntry;
import io.chatplatform.application.port.out.SessionStore;
import io.chatplatform.contracts.MessageStoreContract.MessagePorts;
import io.chatplatform.contracts.UserStoreContract.UserPorts;
import io.chatplatform.domain.block.BlockList;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.limit.MessageChangeLimits;
import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.Reaction;
import io.chatplatform.domain.message.change.Decision;
import io.chatplatform.domain.message.change.MessageChangePolicy;
import io.chatplatform.domain.session.RefreshTokenHash;
import io.chatplatform.domain.session.Session;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.FieldUpdate;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.ProfileUpdate;
import io.chatplatform.domain.user.SearchTerm;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EraseAccounts} must do, run against an implementation by extending this class.
 * The erasure works on the data of the other stores, so the factory gives all of them, sharing
 * that data:
 *
 * <pre>{@code
 * class MyErasureContractTest extends EraseAccountsContract {
 *     @Override
 *     protected ErasurePorts newStores() {
 *         return new ErasurePorts(UserPorts.of(myUsers), MessagePorts.of(myMessages), mySessions, myBlocks,
 *                 myErasure);
 *     }
 * }
 * }</pre>
 *
 * <p>The tests seed accounts, sessions, blocks, messages, edits, reactions and hides through the
 * ports, the way the application writes them, and look at the outcome through the ports too.
 * Every test works with users it creates, so the stores may hold other tests' data.
 */
public abstract class EraseAccountsContract {

    /** The stores an erasure works on, and the erasure; all on the same data. */
    public record ErasurePorts(UserPorts users, MessagePorts messages, SessionStore sessions, BlockStore blocks,
                               EraseAccounts erasure) {
        /** Checks that no port is missing. */
        public ErasurePorts {
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(messages, "messages");
            Objects.requireNonNull(sessions, "sessions");
            Objects.requireNonNull(blocks, "blocks");
            Objects.requireNonNull(erasure, "erasure");
        }
    }

    /** The stores under test; called once per test. */
    protected abstract ErasurePorts newStores();

    private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
    /** When the tests delete accounts: after everything they seed. */
    private static final Instant DELETED_AT = T0.plus(Duration.ofDays(1));
    private static final Instant FREE_AT = DELETED_AT.plus(Duration.ofDays(30));
    /** An id no store hands out in a test run. */
    private static final UserId UNKNOWN = UserId.of(9_000_000_000_000L);
    /** Steps after which an erasure that has not finished counts as stuck. */
    private static final int MAX_STEPS = 10_000;
    private static final MessageChangePolicy POLICY = new MessageChangePolicy(
            new MessageChangeLimits(Optional.of(Duration.ofHours(1)), 3, 3));

    private final ErasurePorts stores = newStores();
    private final String tag = "e" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36);
    private int names;

    /** Constructs the test, asking for its stores. */
    protected EraseAccountsContract() {
    }

    // ---- seeding, through the ports ----------------------------------------------------------------

    private User user(String prefix) {
        String name = prefix + "_" + tag + "_" + (++names);
        var created = stores.users().create().create(new CreateUser.NewUser(Username.of(name), Email.of(name + "@example.com"),
                new PasswordHash("hash"), T0));
        return ((CreateUser.Created) created).user();
    }

    private static ProfileUpdate profile(String displayName) {
        return new ProfileUpdate(FieldUpdate.set(io.chatplatform.domain.user.DisplayName.of(displayName)), FieldUpdate.keep(),
                FieldUpdate.keep());
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static Participant participant(User user) {
        return new Participant(user.id(), user.username());
    }

    private Message send(User from, User to, String text, Instant at) {
        return send(from, to, text, at, Optional.empty());
    }

    private Message send(User from, User to, String text, Instant at, Optional<String> clientMessageId) {
        var outcome = stores.messages().append().append(new NewMessage(participant(from), participant(to),
                MessageContent.of(text), clientMessageId.map(ClientMessageId::of), at));
        return ((AppendMessage.Appended) outcome).message();
    }

    private void edit(User editor, Message message, String text, Instant at) {
        MessageContent content = MessageContent.of(text);
        var result = stores.messages().changes().edit(message.id(), editor.id(), content, at,
                state -> state.map(found -> POLICY.edit(editor.id(), found, content, at)).orElse(Decision.NOT_FOUND));
        assertThat(result.change()).as("edit seeded").isPresent();
    }

    private void delete(User user, Message message, Instant at) {
        var result = stores.messages().changes().deleteForEveryone(message.id(), user.id(), at,
                state -> state.map(found -> POLICY.deleteForEveryone(user.id(), found)).orElse(Decision.NOT_FOUND));
        assertThat(result.change()).as("deletion seeded").isPresent();
    }

    private void hide(User user, Message message, Instant at) {
        var result = stores.messages().changes().hide(message.id(), user.id(), at,
                (state, hidden) -> state.map(found -> POLICY.deleteForMe(user.id(), found, hidden)).orElse(Decision.NOT_FOUND));
        assertThat(result.change()).as("hide seeded").isPresent();
    }

    private void react(User user, Message message, String emoji, Instant at) {
        Emoji value = Emoji.of(emoji);
        ChangeMessages.Result<Decision.React> result = stores.messages().changes().react(message.id(), user.id(), value, at,
                state -> state.map(found -> POLICY.react(user.id(), found, value)).orElse(Decision.NOT_FOUND));
        assertThat(result.change()).as("reaction seeded").isPresent();
    }

    private Session session(User user) {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return stores.sessions().create(new SessionStore.NewSession(user.id(), new RefreshTokenHash(HexFormat.of().formatHex(bytes)),
                T0, Optional.empty(), T0.plus(Duration.ofDays(30))));
    }

    private Message find(Message message) {
        return stores.messages().load().find(message.id()).orElseThrow();
    }

    private EraseAccounts.Begun begin(User user) {
        return stores.erasure().begin(user.id(), DELETED_AT, FREE_AT).orElseThrow();
    }

    /** Steps until the erasure finishes; every step but the last. */
    private List<Erased> eraseAll(User user, int batchSize) {
        List<Erased> steps = new ArrayList<>();
        for (int i = 0; i < MAX_STEPS; i++) {
            Step step = stores.erasure().next(user.id(), batchSize, DELETED_AT.plusSeconds(60));
            if (step instanceof Erased erased) {
                steps.add(erased);
            } else {
                assertThat(step).isEqualTo(new EraseAccounts.Finished());
                return steps;
            }
        }
        throw new AssertionError("the erasure of " + user.id() + " did not finish in " + MAX_STEPS + " steps");
    }

    private static List<MessageId> ids(Message... messages) {
        return java.util.Arrays.stream(messages).map(Message::id).toList();
    }

    private static List<MessageId> erasedBy(List<Erased> steps) {
        return steps.stream().flatMap(step -> step.erased().stream()).toList();
    }

    // ---- the tests ---------------------------------------------------------------------------------

    @Test
    @DisplayName("only a living account can be deleted, once; stepping an erasure that has not begun does nothing")
    void begins_once() {
        User alice = user("alice");
        User bob = user("bob");

        assertThat(stores.erasure().begin(UNKNOWN, DELETED_AT, FREE_AT)).isEmpty();
        assertThat(stores.erasure().next(bob.id(), 10, DELETED_AT)).isEqualTo(new EraseAccounts.NotErasing());
        assertThat(stores.erasure().unfinished()).doesNotContain(alice.id(), bob.id());

        assertThat(stores.erasure().begin(alice.id(), DELETED_AT, FREE_AT)).isPresent();

        assertThat(stores.erasure().begin(alice.id(), DELETED_AT.plusSeconds(1), FREE_AT)).as("already deleted").isEmpty();
        assertThat(stores.erasure().unfinished()).contains(alice.id()).doesNotContain(bob.id());
        assertThat(stores.users().load().byId(bob.id())).contains(bob);
    }

    @Test
    @DisplayName("once begun, the account is found by no read, has no sessions and no blocks on either side")
    void begin_removes_the_account() {
        User alice = user("alice");
        User bob = user("bob");
        User carol = user("carol");
        stores.users().update().updateProfile(alice.id(), profile("Alice " + tag));
        Session phone = session(alice);
        Session laptop = session(alice);
        Session bobs = session(bob);
        stores.blocks().block(alice.id(), bob.id(), T0);
        stores.blocks().block(carol.id(), alice.id(), T0);
        stores.blocks().block(bob.id(), carol.id(), T0);

        EraseAccounts.Begun begun = begin(alice);

        assertThat(begun.endedSessions()).containsExactlyInAnyOrder(phone.id(), laptop.id());
        assertThat(begun.blockPeers()).containsExactlyInAnyOrder(bob.id(), carol.id());
        assertThat(stores.users().load().byId(alice.id())).isEmpty();
        assertThat(stores.users().load().accountById(alice.id())).isEmpty();
        assertThat(stores.users().load().byUsername(alice.username())).isEmpty();
        assertThat(stores.users().find().search(new SearchTerm(tag), bob.id(), 50)).extracting(DirectoryEntry::id)
                .contains(carol.id()).doesNotContain(alice.id());
        assertThat(stores.users().find().search(new SearchTerm("Alice " + tag), bob.id(), 50)).isEmpty();
        assertThat(stores.users().find().byIds(List.of(alice.id(), bob.id()))).extracting(DirectoryEntry::id)
                .containsExactly(bob.id());
        assertThat(stores.users().update().replacePasswordHash(alice.id(), alice.passwordHash(), new PasswordHash("new")))
                .as("no password to change").isFalse();
        assertThat(stores.users().update().updateProfile(alice.id(), profile("Back"))).as("no profile to update").isEmpty();
        assertThat(stores.sessions().list(alice.id())).isEmpty();
        assertThat(stores.sessions().isActive(alice.id(), phone.id())).isFalse();
        assertThat(stores.sessions().isActive(bob.id(), bobs.id())).isTrue();
        assertThat(stores.blocks().blocksOf(alice.id()).isEmpty()).isTrue();
        assertThat(stores.blocks().blocksOf(bob.id())).isEqualTo(new BlockList(bob.id(), Set.of(carol.id()), Set.of()));
        assertThat(stores.blocks().blocksOf(carol.id())).isEqualTo(new BlockList(carol.id(), Set.of(), Set.of(bob.id())));
    }

    @Test
    @DisplayName("the username and email stay taken until the handles are free, and then a registration takes them")
    void handles_freed_later() {
        User alice = user("alice");
        String name = alice.username().value();
        begin(alice);

        var nameTooSoon = stores.users().create().create(new CreateUser.NewUser(Username.of(name.toUpperCase()),
                Email.of("new-" + name + "@example.com"), new PasswordHash("hash"), FREE_AT.minusSeconds(1)));
        var emailTooSoon = stores.users().create().create(new CreateUser.NewUser(Username.of("new_" + name),
                Email.of(name.toUpperCase() + "@EXAMPLE.COM"), new PasswordHash("hash"), FREE_AT.minusSeconds(1)));
        var nameFree = stores.users().create().create(new CreateUser.NewUser(Username.of(name.toUpperCase()),
                Email.of("new-" + name + "@example.com"), new PasswordHash("hash"), FREE_AT));
        var emailFree = stores.users().create().create(new CreateUser.NewUser(Username.of("new_" + name),
                Email.of(name + "@example.com"), new PasswordHash("hash"), FREE_AT.plus(Duration.ofDays(400))));

        assertThat(nameTooSoon).isInstanceOf(CreateUser.Taken.class);
        assertThat(emailTooSoon).isInstanceOf(CreateUser.Taken.class);
        assertThat(nameFree).isInstanceOf(CreateUser.Created.class);
        assertThat(emailFree).isInstanceOf(CreateUser.Created.class);
        User newcomer = ((CreateUser.Created) nameFree).user();
        assertThat(newcomer.id()).isNotEqualTo(alice.id());
        assertThat(stores.users().load().byUsername(alice.username())).contains(newcomer);
        assertThat(stores.users().create().create(new CreateUser.NewUser(Username.of(name), Email.of("third-" + name + "@example.com"),
                new PasswordHash("hash"), FREE_AT.plus(Duration.ofDays(1))))).as("taken again, by the newcomer")
                .isInstanceOf(CreateUser.Taken.class);
    }

    @Test
    @DisplayName("of registrations racing for a freed username, exactly one gets it")
    void freed_handle_race() throws Exception {
        User alice = user("alice");
        begin(alice);
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<CreateUser.Outcome>> registrations = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Email email = Email.of("racer" + i + "-" + alice.username().value() + "@example.com");
                Callable<CreateUser.Outcome> register = () -> {
                    start.await();
                    return stores.users().create().create(new CreateUser.NewUser(alice.username(), email,
                            new PasswordHash("hash"), FREE_AT.plusSeconds(1)));
                };
                registrations.add(pool.submit(register));
            }
            start.countDown();
            List<CreateUser.Outcome> outcomes = new ArrayList<>();
            for (Future<CreateUser.Outcome> registration : registrations) {
                outcomes.add(registration.get());
            }

            assertThat(outcomes).filteredOn(CreateUser.Created.class::isInstance).hasSize(1);
            assertThat(outcomes).filteredOn(CreateUser.Taken.class::isInstance).hasSize(threads - 1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("the user's messages become tombstones without text, history, client id or reactions; the peer's keep theirs")
    void erases_a_conversation() {
        User alice = user("alice");
        User bob = user("bob");
        Message first = send(alice, bob, "alice first", at(1), Optional.of("client-1"));
        Message reply = send(bob, alice, "bob reply", at(2));
        Message edited = send(alice, bob, "alice second", at(3));
        edit(alice, edited, "alice second, edited", at(4));
        Message deletedBefore = send(alice, bob, "alice third", at(5));
        delete(alice, deletedBefore, at(6));
        react(bob, first, "👍", at(7));
        react(alice, reply, "🔥", at(8));
        react(bob, reply, "🔥", at(9));
        react(alice, reply, "👍", at(10));
        hide(alice, reply, at(11));
        Message last = send(bob, alice, "bob last", at(12));
        ConversationId conversation = ConversationId.between(alice.id(), bob.id());
        begin(alice);

        List<Erased> steps = eraseAll(alice, 2);

        assertThat(steps).extracting(Erased::conversation).containsOnly(conversation);
        assertThat(steps).extracting(Erased::conversationDone).last().isEqualTo(true);
        assertThat(steps.subList(0, steps.size() - 1)).extracting(Erased::conversationDone).containsOnly(false);
        assertThat(erasedBy(steps)).as("the messages that lost their text").containsExactlyInAnyOrderElementsOf(ids(first, edited));
        Instant erasedAt = DELETED_AT.plusSeconds(60);
        for (Message message : List.of(find(first), find(edited))) {
            assertThat(message.content()).isEmpty();
            assertThat(message.deletedAt()).contains(erasedAt);
            assertThat(message.editedAt()).isEmpty();
            assertThat(message.clientMessageId()).isEmpty();
            assertThat(message.reactions().isEmpty()).isTrue();
            assertThat(message.seq()).isEqualTo(message.id().equals(first.id()) ? 1 : 3);
        }
        assertThat(stores.messages().load().earlierVersions(conversation, edited.id())).isEmpty();
        assertThat(find(deletedBefore).deletedAt()).as("deleted before: when it was").contains(at(6));
        assertThat(find(reply).content()).contains(MessageContent.of("bob reply"));
        assertThat(find(reply).reactions().entries()).containsExactly(Reaction.of(Emoji.of("🔥"), List.of(bob.id())));
        assertThat(find(last).content()).contains(MessageContent.of("bob last"));
        assertThat(stores.messages().load().page(conversation, bob.id(), HistoryPage.newest())).extracting(Message::seq)
                .containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(stores.messages().load().page(conversation, alice.id(), HistoryPage.newest())).extracting(Message::id)
                .as("the user's hides went too").contains(reply.id());
        InboxEntry line = stores.messages().inbox().entry(bob.id(), alice.id()).orElseThrow();
        assertThat(line.peerDeleted()).isTrue();
        assertThat(line.lastMessagePreview()).as("the newest is bob's own").contains("bob last");
        assertThat(line.lastSeq()).isEqualTo(5);
        assertThat(stores.messages().inbox().list(alice.id(), 10)).isEmpty();
        assertThat(stores.messages().inbox().entry(alice.id(), bob.id())).isEmpty();
        assertThat(stores.erasure().next(alice.id(), 2, erasedAt)).isEqualTo(new EraseAccounts.NotErasing());
        assertThat(stores.erasure().unfinished()).doesNotContain(alice.id());
        assertThat(stores.users().load().byId(alice.id())).isEmpty();
        assertThat(stores.users().load().byId(bob.id())).contains(bob);
    }

    @Test
    @DisplayName("the peer's line: the erased newest message leaves no preview, and erased unread messages no longer count")
    void peer_line() {
        User alice = user("alice");
        User bob = user("bob");
        send(bob, alice, "hello", at(1));
        send(alice, bob, "one", at(2));
        Message hidden = send(alice, bob, "two", at(3));
        send(alice, bob, "three", at(4));
        hide(bob, hidden, at(5));
        assertThat(stores.messages().inbox().entry(bob.id(), alice.id()).orElseThrow().unreadCount()).isEqualTo(2);
        begin(alice);

        eraseAll(alice, 1);

        InboxEntry line = stores.messages().inbox().entry(bob.id(), alice.id()).orElseThrow();
        assertThat(line.peerUsername()).isEqualTo(Username.DELETED);
        assertThat(line.lastMessagePreview()).isEmpty();
        assertThat(line.unreadCount()).as("a hidden message is not removed twice").isZero();
        assertThat(stores.messages().inbox().totalUnread(bob.id())).isZero();
        var read = stores.messages().markers().markRead(bob.id(), alice.id(), Long.MAX_VALUE).orElseThrow();
        assertThat(read.lastReadSeq()).isEqualTo(4);
        assertThat(read.unreadCount()).isZero();
        assertThat(stores.messages().inbox().entry(bob.id(), alice.id()).orElseThrow().unreadCount()).isZero();
    }

    @Test
    @DisplayName("several conversations, a note to self among them, are erased one at a time, each to its end")
    void several_conversations() {
        User alice = user("alice");
        User bob = user("bob");
        User carol = user("carol");
        List<Message> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(send(alice, bob, "to bob " + i, at(10 + i)));
            mine.add(send(alice, carol, "to carol " + i, at(20 + i)));
            mine.add(send(alice, alice, "note " + i, at(30 + i)));
            send(carol, alice, "from carol " + i, at(40 + i));
        }
        begin(alice);

        List<Erased> steps = eraseAll(alice, 2);

        List<ConversationId> order = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Erased step = steps.get(i);
            if (order.isEmpty() || !order.get(order.size() - 1).equals(step.conversation())) {
                assertThat(order).as("a conversation's steps come together").doesNotContain(step.conversation());
                order.add(step.conversation());
            }
            boolean lastOfItsConversation = i == steps.size() - 1 || !steps.get(i + 1).conversation().equals(step.conversation());
            assertThat(step.conversationDone()).as("done exactly at its conversation's last step").isEqualTo(lastOfItsConversation);
        }
        assertThat(order).containsExactlyInAnyOrder(ConversationId.between(alice.id(), bob.id()),
                ConversationId.between(alice.id(), carol.id()), ConversationId.between(alice.id(), alice.id()));
        assertThat(erasedBy(steps)).containsExactlyInAnyOrderElementsOf(mine.stream().map(Message::id).toList());
        assertThat(mine).allSatisfy(message -> assertThat(find(message).content()).isEmpty());
        assertThat(stores.messages().inbox().entry(carol.id(), alice.id()).orElseThrow().peerDeleted()).isTrue();
        assertThat(stores.messages().inbox().entry(carol.id(), alice.id()).orElseThrow().lastMessagePreview())
                .contains("from carol 2");
        assertThat(stores.messages().inbox().entry(bob.id(), alice.id()).orElseThrow().peerDeleted()).isTrue();
        assertThat(stores.messages().inbox().list(alice.id(), 10)).isEmpty();
    }

    @Test
    @DisplayName("an account without conversations is finished at the first step")
    void nothing_to_erase() {
        User alice = user("alice");
        begin(alice);

        assertThat(stores.erasure().next(alice.id(), 500, DELETED_AT)).isEqualTo(new EraseAccounts.Finished());
        assertThat(stores.erasure().next(alice.id(), 500, DELETED_AT)).isEqualTo(new EraseAccounts.NotErasing());
        assertThat(stores.erasure().unfinished()).doesNotContain(alice.id());
        assertThat(stores.erasure().begin(alice.id(), DELETED_AT, FREE_AT)).isEmpty();
    }

    @Test
    @DisplayName("two workers stepping the same erasure at once finish it, every message erased")
    void two_workers() throws Exception {
        User alice = user("alice");
        User bob = user("bob");
        List<Message> mine = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Message message = send(i % 3 == 0 ? bob : alice, i % 3 == 0 ? alice : bob, "message " + i, at(i));
            if (message.senderId().equals(alice.id())) {
                mine.add(message);
            }
        }
        begin(alice);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<MessageId>>> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    List<MessageId> erased = new ArrayList<>();
                    for (int i = 0; i < MAX_STEPS; i++) {
                        Step step = stores.erasure().next(alice.id(), 3, DELETED_AT);
                        if (!(step instanceof Erased done)) {
                            return erased;
                        }
                        erased.addAll(done.erased());
                    }
                    throw new AssertionError("not finished");
                }));
            }
            start.countDown();
            Set<MessageId> erased = new HashSet<>();
            for (Future<List<MessageId>> worker : workers) {
                erased.addAll(worker.get());
            }

            assertThat(erased).containsExactlyInAnyOrderElementsOf(mine.stream().map(Message::id).toList());
        } finally {
            pool.shutdownNow();
        }
        assertThat(mine).allSatisfy(message -> assertThat(find(message).content()).isEmpty());
        assertThat(stores.erasure().next(alice.id(), 3, DELETED_AT)).isEqualTo(new EraseAccounts.NotErasing());
        assertThat(stores.messages().inbox().entry(bob.id(), alice.id()).orElseThrow().peerDeleted()).isTrue();
    }
}
