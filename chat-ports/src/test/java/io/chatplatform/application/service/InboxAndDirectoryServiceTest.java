package io.chatplatform.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.port.in.ListConversations;
import io.chatplatform.application.port.in.ListOnlineUsers;
import io.chatplatform.application.port.in.SearchUsers;
import io.chatplatform.application.port.in.SendMessage;
import io.chatplatform.application.port.in.UpdateProfile;
import io.chatplatform.application.port.in.UserSummary;
import io.chatplatform.domain.InvalidValueException;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.user.DisplayName;
import io.chatplatform.domain.user.FieldUpdate;
import io.chatplatform.domain.user.ProfileUpdate;
import io.chatplatform.domain.user.SearchTerm;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InboxAndDirectoryServiceTest {

    private final InMemoryChat chat = new InMemoryChat();

    private void send(User from, User to, String text) {
        chat.clock.advance(Duration.ofSeconds(1));
        chat.app.sendMessage().send(new SendMessage.Command(from.id(), to.id(), MessageContent.of(text), Optional.empty()));
    }

    @Test
    void the_conversation_list_shows_each_peer_once_most_recent_first_with_unread_counts() {
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        User carol = chat.register("carol");
        send(bob, alice, "from bob 1");
        send(carol, alice, "from carol");
        send(bob, alice, "from bob 2");

        var list = chat.app.listConversations().conversations(new ListConversations.Query(alice.id(), 10));
        assertThat(list).extracting(InboxEntry::peer).containsExactly(bob.id(), carol.id());
        assertThat(list).extracting(InboxEntry::unreadCount).containsExactly(2L, 1L);
        assertThat(list.get(0).peerUsername()).isEqualTo(bob.username());
        assertThat(list.get(0).lastMessagePreview()).contains("from bob 2");
        assertThat(chat.app.countUnread().unreadCount(alice.id())).isEqualTo(3);
        assertThat(chat.app.listConversations().conversations(new ListConversations.Query(alice.id(), 1))).hasSize(1);
    }

    @Test
    void list_sizes_are_bounded() {
        assertThatThrownBy(() -> new ListConversations.Query(UserId.of(1), 0)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new ListConversations.Query(UserId.of(1), 1001)).hasMessageContaining("limit");
        assertThatThrownBy(() -> new SearchUsers.Query(UserId.of(1), SearchTerm.parse("a"), 101)).hasMessageContaining("limit");
        assertThatThrownBy(() -> new ListOnlineUsers.Query(UserId.of(1), 501)).hasMessageContaining("limit");
    }

    @Test
    void search_finds_others_by_username_or_display_name_and_says_who_is_online() {
        User searcher = chat.register("zed");
        User alice = chat.register("alice");
        User bob = chat.register("bob");
        chat.app.updateProfile().update(new UpdateProfile.Command(bob.id(),
                new ProfileUpdate(FieldUpdate.set(DisplayName.of("Bob Alison")), FieldUpdate.keep(), FieldUpdate.keep()),
                Optional.empty()));
        chat.clock.advance(Duration.ofMinutes(10));
        chat.app.recordActivity().recordActivity(alice.id());

        var found = ((SearchUsers.Found) chat.app.searchUsers().search(
                new SearchUsers.Query(searcher.id(), SearchTerm.parse("ALI"), 10))).users();
        assertThat(found).extracting(UserSummary::id).containsExactly(alice.id(), bob.id());
        assertThat(found).extracting(UserSummary::online).containsExactly(true, false);
        assertThat(found.get(1).displayName()).contains(DisplayName.of("Bob Alison"));
        assertThat(chat.app.searchUsers().search(new SearchUsers.Query(searcher.id(), SearchTerm.parse("zed"), 10)))
                .isEqualTo(new SearchUsers.Found(List.of()));
    }

    @Test
    void the_online_list_holds_users_active_in_the_last_five_minutes_except_the_viewer() {
        User viewer = chat.register("viewer");
        User early = chat.register("early");
        User late = chat.register("late");
        chat.clock.advance(Duration.ofMinutes(10));
        chat.app.recordActivity().recordActivity(early.id());
        chat.clock.advance(Duration.ofMinutes(2));
        chat.app.recordActivity().recordActivity(late.id());
        chat.app.recordActivity().recordActivity(viewer.id());

        var online = chat.app.listOnlineUsers().onlineUsers(new ListOnlineUsers.Query(viewer.id(), 10));
        assertThat(online).extracting(UserSummary::id).containsExactly(late.id(), early.id());
        assertThat(online).allMatch(UserSummary::online);

        chat.clock.advance(Duration.ofMinutes(4));
        assertThat(chat.app.listOnlineUsers().onlineUsers(new ListOnlineUsers.Query(viewer.id(), 10)))
                .extracting(UserSummary::id).containsExactly(late.id());
    }

    @Test
    void a_public_profile_shows_presence_but_never_credentials() {
        User viewer = chat.register("viewer");
        User alice = chat.register("alice");
        assertThat(chat.app.viewProfile().profileOf(viewer.id(), alice.id()).orElseThrow().online()).isFalse();
        chat.app.recordActivity().recordActivity(alice.id());
        var profile = chat.app.viewProfile().profileOf(viewer.id(), alice.id()).orElseThrow();
        assertThat(profile.username()).isEqualTo(alice.username());
        assertThat(profile.online()).isTrue();
        assertThat(profile.createdAt()).isEqualTo(alice.createdAt());
        assertThat(chat.app.viewProfile().profileOf(viewer.id(), UserId.of(9999))).isEmpty();
    }
}
