package io.chatplatform.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatplatform.application.fixtures.InMemoryChat;
import io.chatplatform.application.port.in.ChangeMessage;
import io.chatplatform.application.port.in.ListConversations;
import io.chatplatform.application.port.in.MarkRead;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.user.User;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unread counts and previews after messages change, read through the use cases: with the cache in
 * front of the stores too, so that every change also makes the cached lists and counts stale.
 */
@DisplayName("unread counts and previews of changed messages")
class UnreadCountsAndPreviewsTest {

    private InMemoryChat chat;
    private User alice;
    private User bob;

    private void start(boolean cached) {
        chat = new InMemoryChat(cached);
        alice = chat.register("alice");
        bob = chat.register("bob");
    }

    private ChangeMessage changes() {
        return chat.app.changeMessage();
    }

    /** {@code owner}'s line for the conversation with {@code peer}, as the conversation list shows it. */
    private InboxEntry line(User owner, User peer) {
        return chat.app.listConversations().conversations(new ListConversations.Query(owner.id(), 10)).stream()
                .filter(entry -> entry.peer().equals(peer.id())).findFirst().orElseThrow();
    }

    private long unread(User owner) {
        long total = chat.app.countUnread().unreadCount(owner.id());
        // the total and the list agree
        assertThat(chat.app.listConversations().conversations(new ListConversations.Query(owner.id(), 10)).stream()
                .mapToLong(InboxEntry::unreadCount).sum()).isEqualTo(total);
        return total;
    }

    private Message[] aliceSends(int count) {
        Message[] sent = new Message[count + 1];
        for (int i = 1; i <= count; i++) {
            sent[i] = chat.send(alice, bob, "m" + i);
        }
        return sent;
    }

    @ParameterizedTest(name = "cached: {0}")
    @ValueSource(booleans = {false, true})
    void a_message_deleted_while_unread_is_no_longer_unread_and_counts_once(boolean cached) {
        start(cached);
        Message[] m = aliceSends(3);
        assertThat(unread(bob)).isEqualTo(3);
        changes().deleteForEveryone(alice.id(), m[2].id());
        assertThat(unread(bob)).isEqualTo(2);
        assertThat(line(bob, alice).removedUnread()).isEqualTo(1);
        // a second deletion, and Bob hiding the tombstone, remove nothing more
        changes().deleteForEveryone(alice.id(), m[2].id());
        changes().deleteForMe(bob.id(), m[2].id());
        assertThat(unread(bob)).isEqualTo(2);
        assertThat(unread(alice)).isZero();
    }

    @ParameterizedTest(name = "cached: {0}")
    @ValueSource(booleans = {false, true})
    void a_message_hidden_while_unread_is_no_longer_unread_and_a_deletion_after_counts_once(boolean cached) {
        start(cached);
        Message[] m = aliceSends(3);
        changes().deleteForMe(bob.id(), m[3].id());
        assertThat(unread(bob)).isEqualTo(2);
        changes().deleteForEveryone(alice.id(), m[3].id());
        assertThat(unread(bob)).isEqualTo(2);
        // Alice hiding her own message does not touch anybody's count
        changes().deleteForMe(alice.id(), m[1].id());
        assertThat(unread(bob)).isEqualTo(2);
        assertThat(unread(alice)).isZero();
    }

    @ParameterizedTest(name = "cached: {0}")
    @ValueSource(booleans = {false, true})
    void deleting_a_message_that_was_read_changes_no_count(boolean cached) {
        start(cached);
        Message[] m = aliceSends(3);
        chat.app.markRead().markMessageRead(bob.id(), m[2].id());
        assertThat(unread(bob)).isEqualTo(1);
        changes().deleteForEveryone(alice.id(), m[1].id());
        changes().deleteForMe(bob.id(), m[2].id());
        assertThat(unread(bob)).isEqualTo(1);
        assertThat(line(bob, alice).removedUnread()).isZero();
    }

    @ParameterizedTest(name = "cached: {0}")
    @ValueSource(booleans = {false, true})
    void reading_across_removed_messages_reads_exactly_what_was_still_there(boolean cached) {
        start(cached);
        Message[] m = aliceSends(5);
        changes().deleteForMe(bob.id(), m[2].id());
        changes().deleteForEveryone(alice.id(), m[4].id());
        assertThat(unread(bob)).isEqualTo(3);

        // up to 3: 1 and 3 read, 2 was hidden; 5 is left, 4 is removed after the marker
        assertThat(chat.app.markRead().markMessageRead(bob.id(), m[3].id()))
                .isEqualTo(new MarkRead.Marked(m[1].conversationId(), 3, 1));
        assertThat(unread(bob)).isEqualTo(1);
        assertThat(line(bob, alice).removedUnread()).isEqualTo(1);

        assertThat(chat.app.markRead().markConversationRead(bob.id(), alice.id(), Optional.empty()))
                .isEqualTo(new MarkRead.Marked(m[1].conversationId(), 5, 0));
        assertThat(unread(bob)).isZero();
        assertThat(line(bob, alice).removedUnread()).isZero();

        chat.send(alice, bob, "m6");
        assertThat(unread(bob)).isEqualTo(1);
    }

    @ParameterizedTest(name = "cached: {0}")
    @ValueSource(booleans = {false, true})
    void an_edit_or_a_reaction_does_not_make_a_read_message_unread_again(boolean cached) {
        start(cached);
        Message[] m = aliceSends(2);
        chat.app.markRead().markConversationRead(bob.id(), alice.id(), Optional.empty());
        changes().edit(alice.id(), m[2].id(), MessageContent.of("m2, edited"));
        changes().react(alice.id(), m[1].id(), Emoji.of("👍"));
        assertThat(unread(bob)).isZero();
        changes().edit(alice.id(), m[2].id(), MessageContent.of("m2, edited again"));
        assertThat(unread(bob)).isZero();
    }

    @ParameterizedTest(name = "cached: {0}")
    @ValueSource(booleans = {false, true})
    void replying_reads_everything_and_forgets_what_was_removed(boolean cached) {
        start(cached);
        Message[] m = aliceSends(3);
        changes().deleteForEveryone(alice.id(), m[3].id());
        chat.send(bob, alice, "reply");
        assertThat(unread(bob)).isZero();
        assertThat(line(bob, alice).removedUnread()).isZero();
        assertThat(unread(alice)).isEqualTo(1);
    }

    @ParameterizedTest(name = "cached: {0}")
    @ValueSource(booleans = {false, true})
    void the_preview_follows_edits_of_the_newest_message_only(boolean cached) {
        start(cached);
        Message[] m = aliceSends(2);
        assertThat(line(bob, alice).lastMessagePreview()).contains("m2");
        changes().edit(alice.id(), m[2].id(), MessageContent.of("m2, edited"));
        assertThat(line(bob, alice).lastMessagePreview()).contains("m2, edited");
        assertThat(line(alice, bob).lastMessagePreview()).contains("m2, edited");
        changes().edit(alice.id(), m[1].id(), MessageContent.of("m1, edited"));
        assertThat(line(bob, alice).lastMessagePreview()).contains("m2, edited");
        assertThat(line(alice, bob).lastMessagePreview()).contains("m2, edited");
    }

    @ParameterizedTest(name = "cached: {0}")
    @ValueSource(booleans = {false, true})
    void the_preview_is_empty_once_the_newest_message_is_deleted_and_comes_back_with_the_next(boolean cached) {
        start(cached);
        Message[] m = aliceSends(2);
        changes().deleteForEveryone(alice.id(), m[1].id());
        assertThat(line(bob, alice).lastMessagePreview()).contains("m2");
        changes().deleteForEveryone(alice.id(), m[2].id());
        assertThat(line(bob, alice).lastMessagePreview()).isEmpty();
        assertThat(line(alice, bob).lastMessagePreview()).isEmpty();
        // the line still stands for the conversation and its newest seq
        assertThat(line(bob, alice).lastSeq()).isEqualTo(2);
        chat.send(bob, alice, "still there?");
        assertThat(line(alice, bob).lastMessagePreview()).contains("still there?");
    }

    @ParameterizedTest(name = "cached: {0}")
    @ValueSource(booleans = {false, true})
    void hiding_the_newest_message_empties_only_the_preview_of_the_hider_and_an_edit_does_not_bring_it_back(boolean cached) {
        start(cached);
        Message[] m = aliceSends(1);
        changes().deleteForMe(bob.id(), m[1].id());
        assertThat(line(bob, alice).lastMessagePreview()).isEmpty();
        assertThat(line(alice, bob).lastMessagePreview()).contains("m1");
        changes().edit(alice.id(), m[1].id(), MessageContent.of("m1, edited"));
        assertThat(line(bob, alice).lastMessagePreview()).isEmpty();
        assertThat(line(alice, bob).lastMessagePreview()).contains("m1, edited");
    }

    @ParameterizedTest(name = "cached: {0}")
    @ValueSource(booleans = {false, true})
    void every_change_moves_the_position_of_the_lines_of_those_who_can_see_it(boolean cached) {
        start(cached);
        Message[] m = aliceSends(1);
        assertThat(line(bob, alice).lastPosition()).isEqualTo(1);
        changes().react(bob.id(), m[1].id(), Emoji.of("👍"));
        assertThat(line(bob, alice).lastPosition()).isEqualTo(2);
        assertThat(line(alice, bob).lastPosition()).isEqualTo(2);
        changes().deleteForMe(alice.id(), m[1].id());
        assertThat(line(alice, bob).lastPosition()).isEqualTo(3);
        assertThat(line(bob, alice).lastPosition()).as("Alice's deletion for herself is not Bob's to see").isEqualTo(2);
        chat.app.markRead().markConversationRead(bob.id(), alice.id(), Optional.empty());
        assertThat(line(bob, alice).lastPosition()).isEqualTo(4);
        assertThat(line(alice, bob).lastPosition()).isEqualTo(4);
        assertThat(line(alice, bob).peerReadSeq()).isEqualTo(1);
    }
}
