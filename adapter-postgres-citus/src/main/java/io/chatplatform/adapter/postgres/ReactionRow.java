package io.chatplatform.adapter.postgres;

import org.jdbi.v3.core.mapper.RowMapper;

/**
 * A row of {@code message_reactions} ({@link Sql#REACTION_COLUMNS}): one user's emoji on one
 * message, and the position at which that emoji was first put on it (its place in the list).
 */
record ReactionRow(long messageId, String emoji, long userId, long emojiChangeSeq) {

    /** Reads {@link Sql#REACTION_COLUMNS} by name. */
    static final RowMapper<ReactionRow> MAPPER = (rs, ctx) -> new ReactionRow(rs.getLong("message_id"),
            rs.getString("emoji"), rs.getLong("user_id"), rs.getLong("emoji_change_seq"));
}
