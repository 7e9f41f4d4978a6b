package io.chatplatform.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.user.UserId;
import org.junit.jupiter.api.Test;

class UnreadCountTest {

    private static final UserId ALICE = UserId.of(7);
    private static final UserId BOB = UserId.of(42);

    @Test
    void unread_are_the_messages_after_the_marker_that_are_still_there() {
        assertThat(UnreadCount.of(10, 4, 0)).isEqualTo(6);
        assertThat(UnreadCount.of(10, 4, 2)).isEqualTo(4);
        assertThat(UnreadCount.of(10, 4, 6)).isZero();
        assertThat(UnreadCount.of(10, 10, 0)).isZero();
        assertThatThrownBy(() -> UnreadCount.of(10, 4, 7)).hasMessageContaining("cannot exceed the 6 messages");
        assertThatThrownBy(() -> UnreadCount.of(10, 4, -1)).hasMessageContaining("must not be negative");
    }

    @Test
    void a_deleted_unread_message_of_the_peer_is_no_longer_unread() {
        // Bob has read up to 4; Alice sent 5..7 and deletes 6
        assertThat(UnreadCount.afterRemoval(3, BOB, 4, ALICE, 6, false)).isEqualTo(2);
        assertThat(UnreadCount.lowersUnread(BOB, 4, ALICE, 6, false)).isTrue();
    }

    @Test
    void a_deleted_message_the_reader_had_read_changes_nothing() {
        assertThat(UnreadCount.afterRemoval(3, BOB, 4, ALICE, 4, false)).isEqualTo(3);
        assertThat(UnreadCount.afterRemoval(3, BOB, 4, ALICE, 2, false)).isEqualTo(3);
    }

    @Test
    void the_sender_deleting_their_own_message_does_not_change_their_own_count() {
        // Alice's own messages are never unread for her, whatever her marker says
        assertThat(UnreadCount.afterRemoval(1, ALICE, 3, ALICE, 6, false)).isEqualTo(1);
        assertThat(UnreadCount.lowersUnread(ALICE, 3, ALICE, 6, false)).isFalse();
    }

    @Test
    void a_message_removed_before_counts_once() {
        // deleted for everyone twice, or hidden by Bob and then deleted by Alice
        assertThat(UnreadCount.afterRemoval(2, BOB, 4, ALICE, 6, true)).isEqualTo(2);
    }

    @Test
    void a_removal_that_would_lower_a_zero_count_is_an_inconsistency() {
        assertThatThrownBy(() -> UnreadCount.afterRemoval(0, BOB, 4, ALICE, 6, false)).hasMessageContaining("cannot be 0");
        assertThatThrownBy(() -> UnreadCount.afterRemoval(-1, BOB, 4, ALICE, 6, false)).hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> UnreadCount.lowersUnread(BOB, -1, ALICE, 6, false)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> UnreadCount.lowersUnread(BOB, 4, ALICE, 0, false)).hasMessageContaining("out of range");
    }

    @Test
    void reading_past_removed_messages_lowers_the_count_by_the_messages_that_were_there() {
        // marker 4 -> 9 over 5..9, of which 6 and 8 were deleted: 3 messages read
        assertThat(UnreadCount.afterRead(4, 4, 9, 2)).isEqualTo(1);
        assertThat(UnreadCount.afterRead(4, 4, 4, 0)).isEqualTo(4);
        assertThatThrownBy(() -> UnreadCount.afterRead(2, 4, 9, 2)).hasMessageContaining("3 messages read, but only 2 were unread");
        assertThatThrownBy(() -> UnreadCount.afterRead(4, 9, 4, 0)).hasMessageContaining("out of range");
        assertThatThrownBy(() -> UnreadCount.afterRead(4, 4, 9, 6)).hasMessageContaining("out of range");
    }

    @Test
    void the_sums_agree_deleting_then_reading_is_counting_from_scratch() {
        // 10 messages, Bob read up to 2: 8 unread; Alice deletes 3 and 9, Bob reads up to 6
        long unread = UnreadCount.of(10, 2, 0);
        unread = UnreadCount.afterRemoval(unread, BOB, 2, ALICE, 3, false);
        unread = UnreadCount.afterRemoval(unread, BOB, 2, ALICE, 9, false);
        unread = UnreadCount.afterRead(unread, 2, 6, 1);
        assertThat(unread).isEqualTo(UnreadCount.of(10, 6, 1)).isEqualTo(3);
    }
}
