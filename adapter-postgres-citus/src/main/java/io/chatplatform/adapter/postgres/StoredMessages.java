package io.chatplatform.adapter.postgres;

import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.Reaction;
import io.chatplatform.domain.message.Reactions;
import io.chatplatform.domain.user.UserId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Reads messages as they stand, with their reactions, inside a caller's handle, and takes a
 * change's position: shared by the reads, the changes, the markers and the change stream. A message's reactions are read only when its row
 * says it has any, so a page nobody reacted to is one query.
 */
final class StoredMessages {

    private StoredMessages() {
    }

    /**
     * Locks the conversation row until commit and takes the next position of its change stream
     * ({@link Sql#ADVANCE_CHANGE}): for a change other than a new message, once it is sure to be
     * written.
     */
    static Position nextPosition(Handle handle, ConversationId conversation) {
        return handle.createQuery(Sql.ADVANCE_CHANGE)
                .bind("cid", conversation.value())
                .map((rs, ctx) -> new Position(rs.getLong("last_change_seq"), rs.getLong("last_seq")))
                .one();
    }

    /**
     * A change's position, and the conversation's newest message seq when it was taken (the
     * change row keeps it, so that a position converts to a seq; see {@link Sql#MESSAGE_SEQ_AT}).
     */
    record Position(long value, long lastSeq) {
    }

    /** The conversation of a message, by its id alone (a single-shard lookup). */
    static Optional<String> conversationOf(Handle handle, MessageId id) {
        return handle.createQuery(Sql.MESSAGE_LOCATION)
                .bind("messageId", id.value())
                .mapTo(String.class)
                .findOne();
    }

    /** One message of a conversation, read by {@code sql} ({@link Sql#MESSAGE_BY_ID} or {@link Sql#MESSAGE_FOR_CHANGE}). */
    static Optional<MessageRow> row(Handle handle, String sql, String conversation, MessageId id) {
        return handle.createQuery(sql)
                .bind("cid", conversation)
                .bind("messageId", id.value())
                .mapTo(MessageRow.class)
                .findOne();
    }

    /** One message of a conversation with its reactions. */
    static Optional<Message> find(Handle handle, String conversation, MessageId id) {
        return row(handle, Sql.MESSAGE_BY_ID, conversation, id).map(row -> withReactions(handle, conversation, row));
    }

    static Message withReactions(Handle handle, String conversation, MessageRow row) {
        return withReactions(handle, conversation, List.of(row)).get(0);
    }

    /** The rows as messages, in the same order, with their reactions (one more query when any has some). */
    static List<Message> withReactions(Handle handle, String conversation, List<MessageRow> rows) {
        List<Long> reacted = rows.stream().filter(MessageRow::hasReactions).map(MessageRow::id).distinct().toList();
        Map<Long, Reactions> reactions = reacted.isEmpty() ? Map.of() : reactions(reactionRows(handle, conversation, reacted));
        List<Message> messages = new ArrayList<>(rows.size());
        for (MessageRow row : rows) {
            messages.add(row.toDomain(reactions.getOrDefault(row.id(), Reactions.none())));
        }
        return messages;
    }

    /** The reaction rows of these messages, emoji in the order of their first use, users by id. */
    static List<ReactionRow> reactionRows(Handle handle, String conversation, Collection<Long> messageIds) {
        return handle.createQuery(Sql.REACTIONS_OF)
                .bind("cid", conversation)
                .bindArray("messageIds", Long.class, messageIds)
                .mapTo(ReactionRow.class)
                .list();
    }

    /** Rows ordered as {@link Sql#REACTIONS_OF} orders them, as each message's reactions. */
    static Map<Long, Reactions> reactions(List<ReactionRow> rows) {
        Map<Long, Map<String, List<UserId>>> byMessage = new HashMap<>();
        for (ReactionRow row : rows) {
            byMessage.computeIfAbsent(row.messageId(), id -> new LinkedHashMap<>())
                    .computeIfAbsent(row.emoji(), emoji -> new ArrayList<>())
                    .add(UserId.of(row.userId()));
        }
        Map<Long, Reactions> reactions = new HashMap<>();
        byMessage.forEach((message, byEmoji) -> {
            List<Reaction> entries = new ArrayList<>(byEmoji.size());
            byEmoji.forEach((emoji, users) -> entries.add(Reaction.of(Emoji.of(emoji), users)));
            reactions.put(message, new Reactions(entries));
        });
        return reactions;
    }
}
