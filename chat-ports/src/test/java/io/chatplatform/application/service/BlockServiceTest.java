package io.chatplatform.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.port.in.BlockUsers;
import io.chatplatform.application.port.in.ListOnlineUsers;
import io.chatplatform.application.port.in.ReadHistory;
import io.chatplatform.application.port.in.SearchUsers;
import io.chatplatform.application.port.in.SendMessage;
import io.chatplatform.application.port.in.UserSummary;
import io.chatplatform.application.port.out.CreateUser;
import io.chatplatform.domain.block.BlockPolicy;
import io.chatplatform.domain.block.BlockPolicy.SendRefusal;
import io.chatplatform.domain.event.BlockChanged;
import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.SearchTerm;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Blocking through the application: sending, search, the online list and profiles. */
@DisplayName("blocking")
class BlockServiceTest {

    private InMemoryChat chat = new InMemoryChat();
    private User alice = chat.register("alice");
    private User bob = chat.register("bob");

    private SendMessage.Result send(User from, User to, String text) {
        return chat.app.sendMessage().send(new SendMessage.Command(from.id(), to.id(), MessageContent.of(text), Optional.empty()));
    }

    private BlockUsers.Result block(User blocker, User blocked) {
        return chat.app.blockUsers().block(blocker.id(), blocked.id());
    }

    private List<UserId> search(User searcher, String term) {
        var found = (SearchUsers.Found) chat.app.searchUsers().search(new SearchUsers.Query(searcher.id(), SearchTerm.parse(term), 20));
        return found.users().stream().map(UserSummary::id).toList();
    }

    private List<UserId> online(User viewer) {
        return chat.app.listOnlineUsers().onlineUsers(new ListOnlineUsers.Query(viewer.id(), 10)).stream()
                .map(UserSummary::id).toList();
    }

    @ParameterizedTest(name = "cached: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("a block refuses sending both ways, each with its reason, and stores nothing; unblocking restores it")
    void sending(boolean cached) {
        chat = new InMemoryChat(cached);
        alice = chat.register("alice");
        bob = chat.register("bob");
        assertThat(send(bob, alice, "before")).isInstanceOf(SendMessage.Sent.class);

        assertThat(block(alice, bob)).isEqualTo(new BlockUsers.Done());

        assertThat(send(bob, alice, "let me in")).isEqualTo(new SendMessage.Blocked(SendRefusal.BLOCKED_BY_RECIPIENT));
        assertThat(send(alice, bob, "one more word")).isEqualTo(new SendMessage.Blocked(SendRefusal.RECIPIENT_BLOCKED_BY_SENDER));
        assertThat(send(alice, alice, "note to self")).isInstanceOf(SendMessage.Sent.class);
        assertThat(chat.app.readHistory().history(new ReadHistory.Query(bob.id(), alice.id(), HistoryPage.newest())))
                .as("the history stays readable, and holds nothing new").hasSize(1);

        assertThat(chat.app.blockUsers().unblock(alice.id(), bob.id())).isEqualTo(new BlockUsers.Done());

        assertThat(send(bob, alice, "thanks")).isInstanceOf(SendMessage.Sent.class);
        assertThat(send(alice, bob, "ok")).isInstanceOf(SendMessage.Sent.class);
        assertThat(chat.events.eventsOf(BlockChanged.class)).containsExactly(
                new BlockChanged(alice.id(), bob.id(), true), new BlockChanged(alice.id(), bob.id(), false));
    }

    @Test
    @DisplayName("blocking twice or lifting a block that does not stand is no error, and changes nothing")
    void idempotent() {
        block(alice, bob);
        assertThat(block(alice, bob)).isEqualTo(new BlockUsers.Done());
        assertThat(chat.app.blockUsers().unblock(bob.id(), alice.id())).as("bob never blocked alice").isEqualTo(new BlockUsers.Done());
        assertThat(chat.events.eventsOf(BlockChanged.class)).hasSize(1);
        assertThat(chat.app.blockUsers().blocked(alice.id())).containsExactly(new BlockUsers.BlockedUser(bob.id(), bob.username()));
        assertThat(chat.app.blockUsers().blocked(bob.id())).isEmpty();
        assertThat(send(bob, alice, "still?")).isInstanceOf(SendMessage.Blocked.class);
    }

    @Test
    @DisplayName("nobody blocks themself, nor a user who does not exist")
    void invalid_targets() {
        assertThat(block(alice, alice)).isEqualTo(new BlockUsers.CannotBlockSelf());
        assertThat(chat.app.blockUsers().unblock(alice.id(), alice.id())).isEqualTo(new BlockUsers.CannotBlockSelf());
        assertThat(chat.app.blockUsers().block(alice.id(), UserId.of(999_999))).isEqualTo(new BlockUsers.UserNotFound());
        assertThat(chat.app.blockUsers().unblock(alice.id(), UserId.of(999_999))).isEqualTo(new BlockUsers.UserNotFound());
        assertThat(chat.events.eventsOf(BlockChanged.class)).isEmpty();
    }

    @Test
    @DisplayName("search hides the blocker from the blocked user; the blocker still finds whom they blocked, shown offline")
    void search() {
        chat.app.recordActivity().recordActivity(alice.id());
        chat.app.recordActivity().recordActivity(bob.id());
        User carol = chat.register("carol");
        block(alice, bob);

        assertThat(search(bob, alice.username().value())).doesNotContain(alice.id());
        assertThat(search(carol, alice.username().value())).containsExactly(alice.id());
        var found = (SearchUsers.Found) chat.app.searchUsers().search(
                new SearchUsers.Query(alice.id(), SearchTerm.parse(bob.username().value()), 20));
        assertThat(found.users()).singleElement().satisfies(summary -> {
            assertThat(summary.id()).isEqualTo(bob.id());
            assertThat(summary.online()).as("bob is online, but not to alice").isFalse();
        });
        chat.app.blockUsers().unblock(alice.id(), bob.id());
        assertThat(search(bob, alice.username().value())).containsExactly(alice.id());
    }

    @Test
    @DisplayName("the online list and profiles hide presence both ways")
    void online_list_and_profiles() {
        User carol = chat.register("carol");
        for (User user : List.of(alice, bob, carol)) {
            chat.app.recordActivity().recordActivity(user.id());
        }
        block(alice, bob);

        assertThat(online(alice)).containsExactlyInAnyOrder(carol.id());
        assertThat(online(bob)).containsExactlyInAnyOrder(carol.id());
        assertThat(online(carol)).containsExactlyInAnyOrder(alice.id(), bob.id());
        assertThat(chat.app.viewProfile().profileOf(alice.id(), bob.id()).orElseThrow().online()).isFalse();
        assertThat(chat.app.viewProfile().profileOf(bob.id(), alice.id()).orElseThrow().online()).isFalse();
        assertThat(chat.app.viewProfile().profileOf(carol.id(), bob.id()).orElseThrow().online()).isTrue();
        chat.app.blockUsers().unblock(alice.id(), bob.id());
        assertThat(online(alice)).containsExactlyInAnyOrder(bob.id(), carol.id());
    }

    @Test
    @DisplayName("one may block at most BlockPolicy.MAX_BLOCKED users; blocking one of them again is still fine")
    void too_many() {
        List<UserId> others = new java.util.ArrayList<>();
        for (int i = 0; i < BlockPolicy.MAX_BLOCKED + 1; i++) {
            String name = InMemoryChat.uniqueName("many");
            var created = chat.users.create(new CreateUser.NewUser(Username.of(name), Email.of(name + "@example.com"),
                    new PasswordHash("fake$0$0$0"), chat.clock.instant()));
            others.add(((CreateUser.Created) created).user().id());
        }
        for (UserId other : others.subList(0, BlockPolicy.MAX_BLOCKED)) {
            assertThat(chat.app.blockUsers().block(alice.id(), other)).isEqualTo(new BlockUsers.Done());
        }

        assertThat(chat.app.blockUsers().block(alice.id(), others.get(BlockPolicy.MAX_BLOCKED)))
                .isEqualTo(new BlockUsers.TooManyBlocked(BlockPolicy.MAX_BLOCKED));
        assertThat(chat.app.blockUsers().block(alice.id(), others.get(0))).isEqualTo(new BlockUsers.Done());
        assertThat(chat.app.blockUsers().block(bob.id(), others.get(BlockPolicy.MAX_BLOCKED)))
                .as("someone else's count").isEqualTo(new BlockUsers.Done());
        chat.app.blockUsers().unblock(alice.id(), others.get(0));
        assertThat(chat.app.blockUsers().block(alice.id(), others.get(BlockPolicy.MAX_BLOCKED))).isEqualTo(new BlockUsers.Done());
    }
}
