package io.chatplatform.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.port.in.ExportAccount;
import io.chatplatform.application.port.in.LogIn;
import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.application.port.out.LoadInbox;
import io.chatplatform.application.port.out.LoadMessages;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.limit.RateLimits;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.EarlierVersion;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.session.Session;
import io.chatplatform.domain.user.Account;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.PasswordAttempt;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The export, a page at a time, in the sink's order. */
@DisplayName("account export")
class ExportServiceTest {

    private final AtomicInteger largestInboxPage = new AtomicInteger();
    private final AtomicInteger largestHistoryPage = new AtomicInteger();
    private final AtomicInteger inboxReads = new AtomicInteger();
    private final InMemoryChat chat = new InMemoryChat(false, RateLimits.none(), builder -> {
        builder.loadInbox(new RecordingInbox()).loadMessages(new RecordingMessages());
    });
    private final User alice = chat.register("alice");

    /** One sink call, as recorded. */
    private sealed interface Call permits Profile, Sessions, Conversation, Page, ConversationEnd, End {
    }

    private record Profile(Account account) implements Call {
    }

    private record Sessions(List<Session> sessions) implements Call {
    }

    private record Conversation(InboxEntry entry) implements Call {
    }

    private record Page(List<Message> messages) implements Call {
    }

    private record ConversationEnd() implements Call {
    }

    private record End() implements Call {
    }

    private static final class RecordingSink implements ExportAccount.Sink {
        final List<Call> calls = new ArrayList<>();

        @Override
        public void profile(Account account) {
            calls.add(new Profile(account));
        }

        @Override
        public void sessions(List<Session> sessions) {
            calls.add(new Sessions(sessions));
        }

        @Override
        public void conversation(InboxEntry entry) {
            calls.add(new Conversation(entry));
        }

        @Override
        public void messages(List<Message> page) {
            calls.add(new Page(page));
        }

        @Override
        public void conversationEnd() {
            calls.add(new ConversationEnd());
        }

        @Override
        public void end() {
            calls.add(new End());
        }
    }

    private User peer(int i) {
        String name = InMemoryChat.uniqueName("peer" + i);
        var created = chat.users.create(new CreateUser.NewUser(Username.of(name), Email.of(name + "@example.com"),
                new PasswordHash("fake$0$0$0"), chat.clock.instant()));
        return ((CreateUser.Created) created).user();
    }

    @Test
    @DisplayName("profile, sessions, then each of 250 conversations by peer with its history newest first, then the end; "
            + "every message once, no read larger than a page")
    void a_large_export() {
        chat.app.logIn().logIn(new LogIn.Command(alice.username().value(), PasswordAttempt.of("password123")));
        List<User> peers = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            User peer = peer(i);
            peers.add(peer);
            if (i % 2 == 0) {
                chat.send(alice, peer, "hello " + i);
            } else {
                chat.send(peer, alice, "hi " + i);
            }
        }
        User chatty = peers.get(17);
        for (int i = 0; i < 229; i++) {
            chat.send(i % 3 == 0 ? chatty : alice, i % 3 == 0 ? alice : chatty, "more " + i);
        }
        List<MessageId> stored = new ArrayList<>();
        for (User peer : peers) {
            chat.messages.messagesOf(ConversationId.between(alice.id(), peer.id())).forEach(m -> stored.add(m.id()));
        }
        assertThat(stored).hasSize(250 + 229);
        RecordingSink sink = new RecordingSink();

        assertThat(chat.app.exportAccount().export(alice.id(), sink)).isTrue();

        List<Call> calls = sink.calls;
        assertThat(calls.get(0)).isEqualTo(new Profile(chat.users.accountById(alice.id()).orElseThrow()));
        assertThat(calls.get(1)).isInstanceOfSatisfying(Sessions.class,
                sessions -> assertThat(sessions.sessions()).singleElement().satisfies(s -> assertThat(s.user()).isEqualTo(alice.id())));
        assertThat(calls.get(calls.size() - 1)).isEqualTo(new End());
        List<UserId> conversationOrder = new ArrayList<>();
        List<MessageId> exported = new ArrayList<>();
        List<Integer> chattyPages = new ArrayList<>();
        // each conversation: its line, its pages (newest first throughout), its end
        int index = 2;
        while (calls.get(index) instanceof Conversation conversation) {
            conversationOrder.add(conversation.entry().peer());
            index++;
            List<MessageId> ofThis = new ArrayList<>();
            while (calls.get(index) instanceof Page page) {
                assertThat(page.messages()).isNotEmpty().hasSizeLessThanOrEqualTo(HistoryPage.MAX_LIMIT)
                        .allSatisfy(m -> assertThat(m.conversationId()).isEqualTo(conversation.entry().conversationId()));
                if (conversation.entry().peer().equals(chatty.id())) {
                    chattyPages.add(page.messages().size());
                }
                page.messages().forEach(m -> ofThis.add(m.id()));
                index++;
            }
            assertThat(ofThis).as("newest first").isSortedAccordingTo(Comparator.reverseOrder());
            exported.addAll(ofThis);
            assertThat(calls.get(index)).isEqualTo(new ConversationEnd());
            index++;
        }
        assertThat(index).as("only the end follows the conversations").isEqualTo(calls.size() - 1);
        assertThat(conversationOrder).hasSize(250).isSortedAccordingTo(Comparator.naturalOrder())
                .containsExactlyInAnyOrderElementsOf(peers.stream().map(User::id).toList());
        assertThat(exported).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(stored);
        assertThat(chattyPages).containsExactly(100, 100, 30);
        assertThat(largestInboxPage.get()).isEqualTo(100);
        assertThat(largestHistoryPage.get()).isEqualTo(HistoryPage.MAX_LIMIT);
        assertThat(inboxReads.get()).as("three pages of conversations: 100, 100, 50").isEqualTo(3);
    }

    @Test
    @DisplayName("a user without conversations exports profile, sessions and the end")
    void empty() {
        RecordingSink sink = new RecordingSink();
        assertThat(chat.app.exportAccount().export(alice.id(), sink)).isTrue();
        assertThat(sink.calls).containsExactly(new Profile(chat.users.accountById(alice.id()).orElseThrow()), new Sessions(List.of()), new End());
    }

    @Test
    @DisplayName("a user who does not exist exports nothing")
    void unknown() {
        RecordingSink sink = new RecordingSink();
        assertThat(chat.app.exportAccount().export(UserId.of(999_999), sink)).isFalse();
        assertThat(sink.calls).isEmpty();
    }

    /** The in-memory conversation lists, noting the largest page asked for. */
    private final class RecordingInbox implements LoadInbox {
        @Override
        public List<InboxEntry> list(UserId owner, int limit) {
            return chat.messages.list(owner, limit);
        }

        @Override
        public Optional<InboxEntry> entry(UserId owner, UserId peer) {
            return chat.messages.entry(owner, peer);
        }

        @Override
        public List<InboxEntry> byPeer(UserId owner, Optional<UserId> afterPeer, int limit) {
            inboxReads.incrementAndGet();
            largestInboxPage.accumulateAndGet(limit, Math::max);
            return chat.messages.byPeer(owner, afterPeer, limit);
        }

        @Override
        public long totalUnread(UserId owner) {
            return chat.messages.totalUnread(owner);
        }
    }

    /** The in-memory histories, noting the largest page asked for. */
    private final class RecordingMessages implements LoadMessages {
        @Override
        public List<Message> page(ConversationId conversation, UserId reader, HistoryPage page) {
            largestHistoryPage.accumulateAndGet(page.limit(), Math::max);
            return chat.messages.page(conversation, reader, page);
        }

        @Override
        public Optional<Message> find(ConversationId conversation, MessageId id) {
            return chat.messages.find(conversation, id);
        }

        @Override
        public Optional<Message> find(MessageId id) {
            return chat.messages.find(id);
        }

        @Override
        public List<EarlierVersion> earlierVersions(ConversationId conversation, MessageId id) {
            return chat.messages.earlierVersions(conversation, id);
        }
    }
}
