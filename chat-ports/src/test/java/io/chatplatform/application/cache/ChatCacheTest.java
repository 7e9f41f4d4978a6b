package io.chatplatform.application.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.port.in.ListConversations;
import io.chatplatform.application.port.in.LogIn;
import io.chatplatform.application.port.in.MarkRead;
import io.chatplatform.application.port.in.ReadHistory;
import io.chatplatform.application.port.in.SendMessage;
import io.chatplatform.application.port.in.UpdateProfile;
import io.chatplatform.application.port.in.ViewCacheStats;
import io.chatplatform.domain.cache.CacheType;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.user.DisplayName;
import io.chatplatform.domain.user.FieldUpdate;
import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.PasswordAttempt;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.ProfileUpdate;
import io.chatplatform.domain.user.User;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChatCacheTest {

    private final InMemoryChat chat = new InMemoryChat(true);
    private final User alice = chat.register("alice");
    private final User bob = chat.register("bob");

    private Message send(User from, User to, String text) {
        return ((SendMessage.Sent) chat.app.sendMessage().send(new SendMessage.Command(from.id(), to.id(),
                MessageContent.of(text), Optional.empty()))).message();
    }

    private List<Message> history(User reader, User peer) {
        return chat.app.readHistory().history(new ReadHistory.Query(reader.id(), peer.id(), HistoryPage.newest()));
    }

    private ViewCacheStats.CacheCounts counts(CacheType type) {
        return chat.app.viewCacheStats().cacheStats().service().get(type);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("a repeated read is answered from the cache")
    void repeated_reads_hit() {
        send(alice, bob, "hello");
        List<Message> first = history(bob, alice);
        List<Message> second = history(bob, alice);
        assertThat(second).isEqualTo(first);
        assertThat(counts(CacheType.HISTORY_PAGE).hits()).isEqualTo(1);
        assertThat(counts(CacheType.HISTORY_PAGE).misses()).isEqualTo(1);
        assertThat(counts(CacheType.HISTORY_PAGE).hitRatio()).isEqualTo(0.5);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("once a send returns, both participants read it, from lists and counts too")
    void read_your_writes_after_send() {
        send(alice, bob, "one");
        assertThat(history(bob, alice)).hasSize(1);
        assertThat(chat.app.countUnread().unreadCount(bob.id())).isEqualTo(1);
        assertThat(chat.app.listConversations().conversations(new ListConversations.Query(bob.id(), 10))).hasSize(1);

        Message two = send(alice, bob, "two");
        assertThat(history(bob, alice)).first().isEqualTo(two);
        assertThat(history(alice, bob)).first().isEqualTo(two);
        assertThat(chat.app.countUnread().unreadCount(bob.id())).isEqualTo(2);
        assertThat(chat.app.listConversations().conversations(new ListConversations.Query(bob.id(), 10)).get(0).lastMessageId())
                .isEqualTo(two.id());
    }

    @Test
    @org.junit.jupiter.api.DisplayName("once a mark-read returns, the reader's counts are fresh")
    void read_your_writes_after_mark_read() {
        Message one = send(alice, bob, "one");
        assertThat(chat.app.countUnread().unreadCount(bob.id())).isEqualTo(1);
        assertThat(chat.app.markRead().markMessageRead(bob.id(), one.id()))
                .isEqualTo(new MarkRead.Marked(one.conversationId(), 1, 0));
        assertThat(chat.app.countUnread().unreadCount(bob.id())).isZero();
        // marking it again changes nothing, and the count read through the cache says so
        assertThat(chat.app.markRead().markMessageRead(bob.id(), one.id()))
                .isEqualTo(new MarkRead.Marked(one.conversationId(), 1, 0));
        assertThat(chat.app.countUnread().unreadCount(bob.id())).isZero();
    }

    @Test
    @org.junit.jupiter.api.DisplayName("once a profile update returns, every view of the account is fresh")
    void read_your_writes_after_profile_update() {
        assertThat(chat.app.viewOwnProfile().ownProfile(alice.id())).isPresent();
        assertThat(chat.app.viewProfile().profileOf(bob.id(), alice.id())).isPresent();
        chat.app.updateProfile().update(new UpdateProfile.Command(alice.id(),
                new ProfileUpdate(FieldUpdate.set(DisplayName.of("Alice A.")), FieldUpdate.keep(), FieldUpdate.keep()),
                Optional.empty()));
        assertThat(chat.app.viewOwnProfile().ownProfile(alice.id()).orElseThrow().profile().displayName())
                .contains(DisplayName.of("Alice A."));
        assertThat(chat.app.viewProfile().profileOf(bob.id(), alice.id()).orElseThrow().profile().displayName())
                .contains(DisplayName.of("Alice A."));
    }

    @Test
    @org.junit.jupiter.api.DisplayName("recorded activity refreshes the cached last-seen time")
    void activity_refreshes_last_seen() {
        chat.app.viewProfile().profileOf(bob.id(), alice.id());
        chat.clock.advance(Duration.ofMinutes(10));
        chat.app.recordActivity().recordActivity(alice.id());
        assertThat(chat.app.viewProfile().profileOf(bob.id(), alice.id()).orElseThrow().lastSeen()).isEqualTo(chat.clock.instant());
    }

    @Test
    @org.junit.jupiter.api.DisplayName("password hashes never enter the cache, and a changed password takes effect at once")
    void credentials_bypass_the_cache() {
        chat.tokenFor(alice);
        chat.app.updateProfile().update(new UpdateProfile.Command(alice.id(), ProfileUpdate.NONE, Optional.of(
                new UpdateProfile.PasswordChange(PasswordAttempt.of("password123"), Password.of("another-pass")))));
        var old = chat.app.logIn().logIn(new LogIn.Command(alice.username().value(), PasswordAttempt.of("password123")));
        var fresh = chat.app.logIn().logIn(new LogIn.Command(alice.username().value(), PasswordAttempt.of("another-pass")));
        assertThat(old).isInstanceOf(LogIn.InvalidCredentials.class);
        assertThat(fresh).isInstanceOf(LogIn.LoggedIn.class);
        assertThat(counts(CacheType.USERNAME).hits()).isEqualTo(2);
        assertThat(chat.cache.values()).noneMatch(value -> value instanceof User || value instanceof PasswordHash);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("with the cache down every read is served from the store and counted as a bypass")
    void cache_down() {
        chat.cache.setDown(true);
        send(alice, bob, "while down");
        assertThat(history(bob, alice)).hasSize(1);
        assertThat(chat.app.countUnread().unreadCount(bob.id())).isEqualTo(1);
        assertThat(counts(CacheType.HISTORY_PAGE).bypasses()).isEqualTo(1);
        assertThat(chat.app.viewCacheStats().cacheStats().server().orElseThrow().available()).isFalse();
    }

    @Test
    @org.junit.jupiter.api.DisplayName("a message is found by id through the cache, but only in its own conversation")
    void messages_by_id() {
        Message one = send(alice, bob, "one");
        User carol = chat.register("carol");
        assertThat(chat.app.markRead().markConversationRead(bob.id(), alice.id(), Optional.of(one.id())))
                .isInstanceOf(io.chatplatform.application.port.in.MarkRead.Marked.class);
        assertThat(chat.app.markRead().markConversationRead(carol.id(), alice.id(), Optional.of(one.id())))
                .isInstanceOf(io.chatplatform.application.port.in.MarkRead.NotFound.class);
        assertThat(counts(CacheType.MESSAGE).hits()).isEqualTo(1);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("once an edit, a deletion or a reaction returns, both participants read it fresh; the lists follow")
    void read_your_writes_after_message_changes() {
        Message one = send(alice, bob, "one");
        history(alice, bob);
        history(bob, alice);
        chat.app.listConversations().conversations(new ListConversations.Query(alice.id(), 10));

        chat.app.changeMessage().edit(alice.id(), one.id(), MessageContent.of("one, edited"));
        assertThat(history(bob, alice)).singleElement()
                .satisfies(m -> assertThat(m.content()).contains(MessageContent.of("one, edited")));
        assertThat(history(alice, bob)).singleElement()
                .satisfies(m -> assertThat(m.content()).contains(MessageContent.of("one, edited")));
        assertThat(chat.app.listConversations().conversations(new ListConversations.Query(alice.id(), 10)).get(0)
                .lastMessagePreview()).contains("one, edited");

        chat.app.changeMessage().react(bob.id(), one.id(), Emoji.of("👍"));
        assertThat(history(alice, bob).get(0).reactions().isEmpty()).isFalse();

        chat.app.changeMessage().deleteForEveryone(alice.id(), one.id());
        assertThat(history(bob, alice).get(0).isDeleted()).isTrue();
        assertThat(history(alice, bob).get(0).isDeleted()).isTrue();
        assertThat(chat.app.countUnread().unreadCount(bob.id())).isZero();
        assertThat(chat.app.listConversations().conversations(new ListConversations.Query(bob.id(), 10)).get(0)
                .lastMessagePreview()).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.DisplayName("a deletion for me makes only the hider's pages stale: the peer's stay cached")
    void hiding_is_the_hiders_only() {
        Message one = send(alice, bob, "one");
        history(alice, bob);
        history(bob, alice);
        assertThat(counts(CacheType.HISTORY_PAGE).misses()).isEqualTo(2);

        chat.app.changeMessage().deleteForMe(bob.id(), one.id());
        assertThat(history(bob, alice)).isEmpty();
        assertThat(counts(CacheType.HISTORY_PAGE).misses()).isEqualTo(3);
        assertThat(history(alice, bob)).containsExactly(one);
        assertThat(counts(CacheType.HISTORY_PAGE).misses()).isEqualTo(3);
        assertThat(counts(CacheType.HISTORY_PAGE).hits()).isEqualTo(1);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("a delivery makes the lists stale, not the pages")
    void deliveries_keep_pages() {
        send(alice, bob, "one");
        history(bob, alice);
        history(bob, alice);
        assertThat(counts(CacheType.HISTORY_PAGE).hits()).isEqualTo(1);
        assertThat(chat.app.listConversations().conversations(new ListConversations.Query(alice.id(), 10)).get(0)
                .peerDeliveredSeq()).isEqualTo(1);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("a message read by id is stale once it changes")
    void message_by_id_is_stale_after_a_change() {
        Message one = send(alice, bob, "one");
        chat.app.changeMessage().edits(bob.id(), one.id());
        chat.app.changeMessage().edits(bob.id(), one.id());
        assertThat(counts(CacheType.MESSAGE).misses()).isEqualTo(1);
        assertThat(counts(CacheType.MESSAGE).hits()).isEqualTo(1);
        chat.app.changeMessage().react(bob.id(), one.id(), Emoji.of("👍"));
        chat.app.changeMessage().edits(bob.id(), one.id());
        assertThat(counts(CacheType.MESSAGE).misses()).isEqualTo(2);
        // a hide changes the hider's view only: the message itself is as it was
        chat.app.changeMessage().deleteForMe(bob.id(), one.id());
        chat.app.changeMessage().edits(bob.id(), one.id());
        assertThat(counts(CacheType.MESSAGE).misses()).isEqualTo(2);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("without a cache the statistics say so")
    void disabled() {
        var report = new InMemoryChat().app.viewCacheStats().cacheStats();
        assertThat(report.server()).isEmpty();
        assertThat(report.service()).isEmpty();
        assertThat(new ViewCacheStats.CacheCounts(0, 0, 0).hitRatio()).isZero();
    }
}
