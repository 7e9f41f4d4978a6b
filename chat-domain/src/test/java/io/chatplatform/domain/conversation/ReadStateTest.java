package io.chatplatform.domain.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReadStateTest {

    private static final Instant AT = Instant.parse("2026-11-27T12:00:00Z");

    @Test
    void unread_is_the_distance_between_the_newest_message_and_the_read_marker() {
        assertThat(ReadPosition.unread(10, 4)).isEqualTo(6);
        assertThat(ReadPosition.unread(10, 10)).isZero();
        assertThat(ReadPosition.unread(3, 5)).isZero();
        assertThatThrownBy(() -> ReadPosition.unread(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_read_marker_never_moves_back_nor_past_the_newest_message() {
        assertThat(ReadPosition.advance(4, 7, 10)).isEqualTo(7);
        assertThat(ReadPosition.advance(7, 4, 10)).isEqualTo(7);
        assertThat(ReadPosition.advance(4, Long.MAX_VALUE, 10)).isEqualTo(10);
        assertThatThrownBy(() -> ReadPosition.advance(0, -1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_inbox_entry_counts_what_its_owner_has_not_read() {
        InboxEntry entry = new InboxEntry(UserId.of(2), UserId.of(1), Username.of("alice"), 9, 4, MessageId.of(30), AT, "hi");
        assertThat(entry.unreadCount()).isEqualTo(5);
        assertThat(entry.conversationId()).isEqualTo(ConversationId.between(UserId.of(1), UserId.of(2)));
    }

    @Test
    void an_inbox_entry_cannot_have_read_beyond_the_conversation() {
        assertThatThrownBy(() -> new InboxEntry(UserId.of(2), UserId.of(1), Username.of("alice"), 3, 4, MessageId.of(3),
                AT, "hi")).hasMessageContaining("lastReadSeq");
        assertThatThrownBy(() -> new InboxEntry(UserId.of(2), UserId.of(1), Username.of("alice"), 0, 0, MessageId.of(3),
                AT, "hi")).hasMessageContaining("lastSeq");
    }
}
