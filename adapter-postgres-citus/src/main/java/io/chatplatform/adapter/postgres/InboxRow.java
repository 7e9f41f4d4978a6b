package io.chatplatform.adapter.postgres;

import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** A row of {@code user_conversations} as the conversation list reads it ({@link Sql#INBOX_COLUMNS}). */
record InboxRow(long userId, long peerId, String peerUsername, long lastSeq, long lastReadSeq, long removedUnread,
                long lastMessageId, Instant lastMessageAt, String lastMessagePreview, long lastChangeSeq,
                long peerReadSeq, long peerDeliveredSeq) {

    /** Reads the conversation list's columns by name, without reflection. */
    static final RowMapper<InboxRow> MAPPER = (rs, ctx) -> new InboxRow(rs.getLong("user_id"), rs.getLong("peer_id"),
            rs.getString("peer_username"), rs.getLong("last_seq"), rs.getLong("last_read_seq"),
            rs.getLong("removed_unread"), rs.getLong("last_message_id"), Rows.instant(rs, "last_message_at"),
            rs.getString("last_message_preview"), rs.getLong("last_change_seq"), rs.getLong("peer_read_seq"),
            rs.getLong("peer_delivered_seq"));

    InboxEntry toDomain() {
        return new InboxEntry(UserId.of(userId), UserId.of(peerId), Username.of(peerUsername), lastSeq, lastReadSeq,
                removedUnread, MessageId.of(lastMessageId), lastMessageAt, Optional.ofNullable(lastMessagePreview),
                lastChangeSeq, peerReadSeq, peerDeliveredSeq);
    }
}
