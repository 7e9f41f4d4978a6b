package io.chatplatform.adapter.postgres;

import io.chatplatform.domain.message.ClientMessageId;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.Reactions;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * A row of {@code messages} as Jdbi reads it. Its reactions live in {@code message_reactions};
 * {@code hasReactions} says whether there are any to read.
 */
record MessageRow(String conversationId, long id, long seq, long senderId, long recipientId, String content,
                  String clientMessageId, Instant createdAt, Long replyToId, Instant editedAt, Instant deletedAt,
                  int editCount, boolean hasReactions, long changeSeq) {

    /** Reads the {@link Sql#MESSAGE_COLUMNS} by name, without reflection: the send transaction and every page map through here. */
    static final RowMapper<MessageRow> MAPPER = (rs, ctx) -> new MessageRow(rs.getString("conversation_id"),
            rs.getLong("id"), rs.getLong("seq"), rs.getLong("sender_id"), rs.getLong("recipient_id"),
            rs.getString("content"), rs.getString("client_message_id"), Rows.instant(rs, "created_at"),
            rs.getObject("reply_to_id", Long.class), Rows.instant(rs, "edited_at"), Rows.instant(rs, "deleted_at"),
            rs.getInt("edit_count"), rs.getBoolean("has_reactions"), rs.getLong("change_seq"));

    MessageId messageId() {
        return MessageId.of(id);
    }

    /** The message with these reactions (read from {@code message_reactions}, or none). */
    Message toDomain(Reactions reactions) {
        return new Message(MessageId.of(id), new ConversationId(conversationId), seq, UserId.of(senderId),
                UserId.of(recipientId), Optional.ofNullable(content).map(MessageContent::of), createdAt,
                Optional.ofNullable(clientMessageId).map(ClientMessageId::of),
                Optional.ofNullable(replyToId).map(MessageId::of), Optional.ofNullable(editedAt),
                Optional.ofNullable(deletedAt), reactions);
    }
}
