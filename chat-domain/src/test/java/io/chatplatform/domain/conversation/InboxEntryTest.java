package io.chatplatform.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a line of a conversation list")
class InboxEntryTest {

    private static final UserId BOB = UserId.of(2);
    private static final UserId ALICE = UserId.of(1);
    private static final Instant AT = Instant.parse("2026-11-27T12:00:00Z");

    /** Bob's line of his conversation with Alice. */
    private static InboxEntry line(long lastSeq, long lastReadSeq, long removedUnread, Optional<String> preview,
                                   long lastPosition, long peerReadSeq, long peerDeliveredSeq) {
        return new InboxEntry(BOB, ALICE, Username.of("alice"), lastSeq, lastReadSeq, removedUnread, MessageId.of(30), AT,
                preview, lastPosition, peerReadSeq, peerDeliveredSeq);
    }

    @Test
    @DisplayName("made by a first message: nothing removed, the peer's markers at 0, the position the message's")
    void from_a_first_message() {
        InboxEntry entry = new InboxEntry(BOB, ALICE, Username.of("alice"), 1, 0, MessageId.of(30), AT, "hi");
        assertThat(entry.removedUnread()).isZero();
        assertThat(entry.lastMessagePreview()).contains("hi");
        assertThat(entry.lastPosition()).isEqualTo(1);
        assertThat(entry.peerReadSeq()).isZero();
        assertThat(entry.peerDeliveredSeq()).isZero();
        assertThat(entry.unreadCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("unread leaves out the messages after the marker that were removed for the owner")
    void unread_without_the_removed() {
        assertThat(line(9, 4, 0, Optional.of("x"), 12, 0, 0).unreadCount()).isEqualTo(5);
        assertThat(line(9, 4, 2, Optional.of("x"), 12, 0, 0).unreadCount()).isEqualTo(3);
        assertThat(line(9, 4, 5, Optional.empty(), 12, 0, 0).unreadCount()).isZero();
        assertThat(line(9, 9, 0, Optional.of("x"), 12, 0, 0).unreadCount()).isZero();
    }

    @Test
    @DisplayName("cannot have removed more than there is after the marker, nor a negative count")
    void removed_is_bounded() {
        assertThatThrownBy(() -> line(9, 4, 6, Optional.of("x"), 12, 0, 0))
                .hasMessageContaining("removedUnread must be between 0 and the 5 messages after the read marker, was 6");
        assertThatThrownBy(() -> line(9, 4, -1, Optional.of("x"), 12, 0, 0)).hasMessageContaining("removedUnread");
        assertThatThrownBy(() -> line(9, 9, 1, Optional.of("x"), 12, 0, 0)).hasMessageContaining("removedUnread");
    }

    @Test
    @DisplayName("every message is a change: the position is at least the newest seq")
    void position_is_at_least_the_seq() {
        assertThat(line(9, 4, 0, Optional.of("x"), 9, 0, 0).lastPosition()).isEqualTo(9);
        assertThatThrownBy(() -> line(9, 4, 0, Optional.of("x"), 8, 0, 0))
                .hasMessageContaining("lastPosition (8) cannot be below lastSeq (9)");
    }

    @Test
    @DisplayName("the peer's read and delivery markers lie within the conversation")
    void peer_markers() {
        InboxEntry entry = line(9, 4, 0, Optional.of("x"), 15, 7, 9);
        assertThat(entry.peerReadSeq()).isEqualTo(7);
        assertThat(entry.peerDeliveredSeq()).isEqualTo(9);
        assertThatThrownBy(() -> line(9, 4, 0, Optional.of("x"), 15, 10, 9)).hasMessageContaining("peer's markers");
        assertThatThrownBy(() -> line(9, 4, 0, Optional.of("x"), 15, 7, 10)).hasMessageContaining("peer's markers");
        assertThatThrownBy(() -> line(9, 4, 0, Optional.of("x"), 15, -1, 0)).hasMessageContaining("peer's markers");
        assertThatThrownBy(() -> line(9, 4, 0, Optional.of("x"), 15, 0, -1)).hasMessageContaining("peer's markers");
    }

    @Test
    @DisplayName("the preview is empty once the newest message was deleted or hidden, never null")
    void preview() {
        assertThat(line(9, 4, 1, Optional.empty(), 12, 0, 0).lastMessagePreview()).isEmpty();
        assertThatThrownBy(() -> line(9, 4, 0, null, 12, 0, 0)).isInstanceOf(NullPointerException.class);
    }
}
