package io.chatplatform.adapter.postgres;

import io.chatplatform.domain.conversation.UnreadCount;
import org.jdbi.v3.core.mapper.RowMapper;

/** An owner's markers in one conversation, as {@link Sql#INBOX_MARKERS} reads them. */
record MarkersRow(long lastSeq, long lastReadSeq, long removedUnread, long deliveredSeq) {

    /** Reads {@link Sql#INBOX_MARKERS} by name. */
    static final RowMapper<MarkersRow> MAPPER = (rs, ctx) -> new MarkersRow(rs.getLong("last_seq"),
            rs.getLong("last_read_seq"), rs.getLong("removed_unread"), rs.getLong("delivered_seq"));

    long unreadCount() {
        return UnreadCount.of(lastSeq, lastReadSeq, removedUnread);
    }
}
