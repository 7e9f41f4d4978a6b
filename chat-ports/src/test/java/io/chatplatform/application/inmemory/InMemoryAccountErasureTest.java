package io.chatplatform.application.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.port.in.ChangeMessage;
import io.chatplatform.application.port.in.SendMessage;
import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.application.port.out.EraseAccounts;
import io.chatplatform.application.port.out.EraseAccounts.Erased;
import io.chatplatform.application.port.out.EraseAccounts.Finished;
import io.chatplatform.application.port.out.EraseAccounts.NotErasing;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.SearchTerm;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The in-memory {@link EraseAccounts}, stepped by hand (the service's background steps are tested with the service). */
@DisplayName("InMemoryAccountErasure")
class InMemoryAccountErasureTest {

    private static final Emoji THUMBS = Emoji.of("👍");
    private static final Emoji HEART = Emoji.of("❤️");

    private final InMemoryChat chat = new InMemoryChat();
    private final InMemoryAccountErasure erasure = chat.adapters.eraseAccounts();
    private final User alice = chat.register("alice");
    private final User bob = chat.register("bob");
    private final User carol = chat.register("carol");

    private Instant now() {
        return chat.clock.instant();
    }

    private Optional<EraseAccounts.Begun> begin(User user) {
        return erasure.begin(user.id(), now(), now().plus(Duration.ofDays(30)));
    }

    /** Steps until the erasure finishes; every step but the last. */
    private List<Erased> stepAll(UserId user, int batch) {
        List<Erased> steps = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            EraseAccounts.Step step = erasure.next(user, batch, now());
            if (step instanceof Finished) {
                return steps;
            }
            assertThat(step).isInstanceOf(Erased.class);
            steps.add((Erased) step);
        }
        throw new AssertionError("the erasure never finished");
    }

    private CreateUser.Outcome create(String username, String email) {
        return chat.users.create(new CreateUser.NewUser(Username.of(username), Email.of(email),
                new PasswordHash("fake$0$0$0"), now()));
    }

    private ChangeMessage.Result react(User user, Message message, Emoji emoji) {
        return chat.app.changeMessage().react(user.id(), message.id(), emoji);
    }

    @Test
    @DisplayName("begin: the account cannot be found any more; its sessions and its blocks (both sides) go; a job is recorded")
    void begin_scrubs_the_account() {
        chat.tokenFor(alice);
        chat.tokenFor(alice);
        chat.tokenFor(bob);
        chat.app.blockUsers().block(alice.id(), bob.id());
        chat.app.blockUsers().block(carol.id(), alice.id());
        chat.app.blockUsers().block(bob.id(), carol.id());

        EraseAccounts.Begun begun = begin(alice).orElseThrow();

        assertThat(begun.endedSessions()).hasSize(2);
        assertThat(begun.blockPeers()).containsExactlyInAnyOrder(bob.id(), carol.id());
        assertThat(chat.adapters.sessions().list(alice.id())).isEmpty();
        assertThat(chat.adapters.sessions().list(bob.id())).hasSize(1);
        assertThat(chat.adapters.blocks().blocksOf(alice.id()).blocked()).isEmpty();
        assertThat(chat.adapters.blocks().blocksOf(bob.id()).blockedBy()).isEmpty();
        assertThat(chat.adapters.blocks().blocksOf(bob.id()).blocked()).containsExactly(carol.id());
        assertThat(chat.adapters.blocks().blocksOf(carol.id()).blocked()).isEmpty();
        assertThat(chat.users.byId(alice.id())).isEmpty();
        assertThat(chat.users.accountById(alice.id())).isEmpty();
        assertThat(chat.users.byUsername(alice.username())).isEmpty();
        assertThat(chat.users.search(SearchTerm.parse("alice"), bob.id(), 10)).isEmpty();
        assertThat(chat.users.byIds(List.of(alice.id(), bob.id()))).extracting(entry -> entry.id()).containsExactly(bob.id());
        assertThat(chat.users.all()).extracting(User::id).doesNotContain(alice.id());
        assertThat(erasure.unfinished()).containsExactly(alice.id());
        assertThat(begin(alice)).as("nobody left to begin with").isEmpty();
        assertThat(erasure.begin(UserId.of(999_999), now(), now())).isEmpty();
        assertThat(erasure.unfinished()).containsExactly(alice.id());
    }

    @Test
    @DisplayName("the username and email stay taken, in any case, until they are free; then anybody may register them")
    void handles_are_kept_until_free() {
        String name = alice.username().value();
        begin(alice);

        assertThat(create(name.toUpperCase(), "someone@example.com")).isInstanceOf(CreateUser.Taken.class);
        assertThat(create("someone_else", name + "@EXAMPLE.com")).isInstanceOf(CreateUser.Taken.class);
        chat.clock.advance(Duration.ofDays(30).minusMillis(1));
        assertThat(create(name, "someone@example.com")).isInstanceOf(CreateUser.Taken.class);
        chat.clock.advance(Duration.ofMillis(1));
        var created = create(name, name + "@example.com");

        assertThat(created).isInstanceOf(CreateUser.Created.class);
        User heir = ((CreateUser.Created) created).user();
        assertThat(heir.id()).isNotEqualTo(alice.id());
        assertThat(chat.users.byUsername(alice.username())).contains(heir);
        assertThat(create(name, "other@example.com")).as("taken by the new account now").isInstanceOf(CreateUser.Taken.class);
    }

    @Test
    @DisplayName("next: batches per conversation, lowest peer first; the user's messages become bare tombstones, their reactions and hides go")
    void erases_in_batches() {
        Message toBob1 = chat.send(alice, bob, "secret one");
        Message fromBob = chat.send(bob, alice, "bob says");
        Message toBob2 = send(alice, bob, "secret two", Optional.of(ClientMessageId.of("k-1")));
        Message alreadyDeleted = chat.send(alice, bob, "deleted before");
        Message toBob3 = chat.send(alice, bob, "secret three, the last");
        chat.app.changeMessage().edit(alice.id(), toBob1.id(), MessageContent.of("secret one, edited"));
        react(alice, fromBob, THUMBS);
        react(bob, fromBob, HEART);
        react(bob, toBob2, HEART);
        chat.app.changeMessage().deleteForMe(alice.id(), fromBob.id());
        chat.app.changeMessage().deleteForEveryone(alice.id(), alreadyDeleted.id());
        Instant deletedBefore = chat.messages.find(alreadyDeleted.id()).orElseThrow().deletedAt().orElseThrow();
        Message toCarol = chat.send(alice, carol, "for carol");
        Message fromCarol = chat.send(carol, alice, "carol answers");
        Message note = chat.send(alice, alice, "note to self");
        begin(alice);
        chat.clock.advance(Duration.ofMinutes(1));
        Instant erasedAt = now();

        List<Erased> steps = stepAll(alice.id(), 2);

        ConversationId withBob = ConversationId.between(alice.id(), bob.id());
        ConversationId withCarol = ConversationId.between(alice.id(), carol.id());
        ConversationId withSelf = ConversationId.between(alice.id(), alice.id());
        // lowest peer first: alice herself (notes to self), then bob, then carol
        assertThat(steps).containsExactly(
                new Erased(withSelf, List.of(note.id()), true),
                new Erased(withBob, List.of(toBob1.id()), false),
                new Erased(withBob, List.of(toBob2.id()), false),
                new Erased(withBob, List.of(toBob3.id()), true),
                new Erased(withCarol, List.of(toCarol.id()), true));
        for (Message sent : List.of(toBob1, toBob2, toBob3, toCarol, note)) {
            Message now = chat.messages.find(sent.id()).orElseThrow();
            assertThat(now.content()).isEmpty();
            assertThat(now.deletedAt()).contains(erasedAt);
            assertThat(now.clientMessageId()).isEmpty();
            assertThat(now.reactions().isEmpty()).isTrue();
            assertThat(chat.messages.earlierVersions(sent.conversationId(), sent.id())).isEmpty();
        }
        assertThat(chat.messages.find(alreadyDeleted.id()).orElseThrow().deletedAt()).contains(deletedBefore);
        Message bobsNow = chat.messages.find(fromBob.id()).orElseThrow();
        assertThat(bobsNow.content()).map(MessageContent::value).contains("bob says");
        assertThat(bobsNow.reactions().includes(alice.id(), THUMBS)).isFalse();
        assertThat(bobsNow.reactions().includes(bob.id(), HEART)).isTrue();
        assertThat(chat.messages.find(fromCarol.id()).orElseThrow().content()).isPresent();
        assertThat(chat.messages.list(alice.id(), 10)).isEmpty();
        assertThat(chat.messages.byPeer(alice.id(), Optional.empty(), 10)).isEmpty();
        InboxEntry bobsLine = chat.messages.entry(bob.id(), alice.id()).orElseThrow();
        assertThat(bobsLine.peerDeleted()).isTrue();
        assertThat(bobsLine.lastMessagePreview()).as("the last message was hers").isEmpty();
        assertThat(bobsLine.unreadCount()).as("her unread messages are gone like deleted ones").isZero();
        InboxEntry carolsLine = chat.messages.entry(carol.id(), alice.id()).orElseThrow();
        assertThat(carolsLine.peerDeleted()).isTrue();
        assertThat(carolsLine.lastMessagePreview()).as("the last message was carol's").contains("carol answers");
        assertThat(erasure.unfinished()).isEmpty();
        assertThat(erasure.next(alice.id(), 2, now())).isEqualTo(new NotErasing());
        // the tombstones keep their places in bob's history; her hide of his message went with her
        assertThat(chat.messages.page(withBob, bob.id(), HistoryPage.newest())).extracting(Message::id)
                .containsExactly(toBob3.id(), alreadyDeleted.id(), toBob2.id(), fromBob.id(), toBob1.id());
        assertThat(chat.messages.page(withBob, alice.id(), HistoryPage.newest())).extracting(Message::id)
                .contains(fromBob.id());
    }

    @Test
    @DisplayName("the peer can still read, receive and change their side of the conversation; their counts stay consistent")
    void the_peer_reads_on() {
        Message his = chat.send(bob, alice, "hi");
        Message last = chat.send(alice, bob, "unread by bob");
        begin(alice);
        stepAll(alice.id(), 1);

        assertThat(chat.messages.markDelivered(bob.id(), alice.id(), last.seq())).isPresent();
        var read = chat.messages.markRead(bob.id(), alice.id(), last.seq());
        var edited = chat.app.changeMessage().edit(bob.id(), his.id(), MessageContent.of("hi, edited"));
        var reacted = react(bob, his, HEART);
        var deleted = chat.app.changeMessage().deleteForEveryone(bob.id(), his.id());

        assertThat(read).hasValueSatisfying(state -> assertThat(state.unreadCount()).isZero());
        assertThat(List.of(edited, reacted, deleted)).allSatisfy(result ->
                assertThat(result).isInstanceOf(ChangeMessage.Changed.class));
        InboxEntry line = chat.messages.entry(bob.id(), alice.id()).orElseThrow();
        assertThat(line.unreadCount()).isZero();
        assertThat(line.peerDeleted()).isTrue();
        assertThat(chat.messages.list(alice.id(), 10)).isEmpty();
    }

    @Test
    @DisplayName("a batch repeated (a worker that stopped before its progress was kept) erases nothing more")
    void a_repeated_batch_is_harmless() {
        Message first = chat.send(alice, bob, "one");
        chat.send(bob, alice, "two");
        begin(alice);
        var once = chat.messages.erase(alice.id(), bob.id(), 0, 1, now());
        var again = chat.messages.erase(alice.id(), bob.id(), 0, 1, now());

        assertThat(once.erased()).containsExactly(first.id());
        assertThat(again.erased()).isEmpty();
        assertThat(again.cursor()).isEqualTo(once.cursor()).isEqualTo(first.id().value());
        assertThat(again.conversationDone()).isFalse();
        assertThat(stepAll(alice.id(), 10)).containsExactly(
                new Erased(ConversationId.between(alice.id(), bob.id()), List.of(), true));
    }

    @Test
    @DisplayName("when both partners are deleted, the second erasure finds no line of the first to rename")
    void both_partners_deleted() {
        chat.send(alice, bob, "from alice");
        chat.send(bob, alice, "from bob");
        begin(alice);
        begin(bob);
        stepAll(alice.id(), 1);
        stepAll(bob.id(), 1);

        assertThat(chat.messages.messagesOf(ConversationId.between(alice.id(), bob.id())))
                .allSatisfy(message -> assertThat(message.content()).isEmpty());
        assertThat(chat.messages.list(alice.id(), 10)).isEmpty();
        assertThat(chat.messages.list(bob.id(), 10)).isEmpty();
        assertThat(erasure.unfinished()).isEmpty();
    }

    @Test
    @DisplayName("two workers stepping one erasure at once finish it once, each message erased once")
    void concurrent_steps() throws Exception {
        List<MessageId> hers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            hers.add(chat.send(alice, i % 2 == 0 ? bob : carol, "m" + i).id());
            chat.send(i % 2 == 0 ? bob : carol, alice, "r" + i);
        }
        begin(alice);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<MessageId>>> done = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                done.add(workers.submit(() -> {
                    start.await();
                    List<MessageId> erased = new ArrayList<>();
                    while (erasure.next(alice.id(), 3, now()) instanceof Erased step) {
                        erased.addAll(step.erased());
                    }
                    return erased;
                }));
            }
            start.countDown();
            List<MessageId> all = new ArrayList<>(done.get(0).get(10, TimeUnit.SECONDS));
            all.addAll(done.get(1).get(10, TimeUnit.SECONDS));
            assertThat(all).containsExactlyInAnyOrderElementsOf(hers);
        } finally {
            workers.shutdownNow();
        }
        assertThat(erasure.unfinished()).isEmpty();
    }

    @Test
    @DisplayName("an erasure with nothing to erase finishes at the first step")
    void nothing_to_erase() {
        begin(alice);
        assertThat(erasure.next(alice.id(), 1, now())).isEqualTo(new Finished());
        assertThat(erasure.next(alice.id(), 1, now())).isEqualTo(new NotErasing());
        assertThat(erasure.next(bob.id(), 1, now())).as("never begun").isEqualTo(new NotErasing());
    }

    private Message send(User from, User to, String text, Optional<ClientMessageId> key) {
        chat.clock.advance(Duration.ofMillis(1));
        var result = chat.app.sendMessage().send(new SendMessage.Command(from.id(), to.id(), MessageContent.of(text), key));
        return ((SendMessage.Sent) result).message();
    }
}
