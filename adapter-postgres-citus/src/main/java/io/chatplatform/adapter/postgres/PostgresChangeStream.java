package io.chatplatform.adapter.postgres;

import io.chatplatform.application.port.out.LoadChanges;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.realtime.ConversationChange;
import io.chatplatform.domain.realtime.DeliveryMarkerMoved;
import io.chatplatform.domain.realtime.MessageCreated;
import io.chatplatform.domain.realtime.MessageDeleted;
import io.chatplatform.domain.realtime.MessageEdited;
import io.chatplatform.domain.realtime.ReactionUpdated;
import io.chatplatform.domain.realtime.ReadMarkerMoved;
import io.chatplatform.domain.user.UserId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * A conversation's change stream in PostgreSQL ({@link LoadChanges}), for {@link PostgresMessageStore}:
 * the messages' creations ({@code messages.change_seq}) and the other changes
 * ({@code conversation_changes}) merged by position in one single-shard query. A change about a
 * message shows the message as it stands now: the log keeps no content.
 */
final class PostgresChangeStream {

    private final Jdbi jdbi;

    PostgresChangeStream(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    /** A row of {@link Sql#CHANGES_AFTER}: the change, and its message's row when it is about one. */
    private record ChangeRow(long position, String kind, long actorId, Long upToSeq, MessageRow message) {
    }

    List<ConversationChange> after(ConversationId conversation, UserId viewer, long afterPosition, int limit) {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(viewer, "viewer");
        if (afterPosition < 0 || limit < 1) {
            throw new IllegalArgumentException("afterPosition must be at least 0 and limit at least 1, were "
                    + afterPosition + " and " + limit);
        }
        return Failures.guard(() -> jdbi.withHandle(handle -> {
            List<ChangeRow> rows = handle.createQuery(Sql.CHANGES_AFTER)
                    .bind("cid", conversation.value())
                    .bind("afterPosition", afterPosition)
                    .bind("viewer", viewer.value())
                    .bind("limit", limit)
                    .map((rs, ctx) -> new ChangeRow(rs.getLong("stream_position"), rs.getString("kind"),
                            rs.getLong("actor_id"), rs.getObject("up_to_seq", Long.class),
                            rs.getObject("id") == null ? null : MessageRow.MAPPER.map(rs, ctx)))
                    .list();
            // each message once, with its reactions, however many changes are about it
            Map<Long, MessageRow> distinct = new HashMap<>();
            rows.stream().filter(row -> row.message() != null).forEach(row -> distinct.putIfAbsent(row.message().id(), row.message()));
            List<MessageRow> messageRows = List.copyOf(distinct.values());
            List<Message> messages = StoredMessages.withReactions(handle, conversation.value(), messageRows);
            Map<Long, Message> byId = new HashMap<>();
            for (Message message : messages) {
                byId.put(message.id().value(), message);
            }
            List<ConversationChange> changes = new ArrayList<>(rows.size());
            for (ChangeRow row : rows) {
                changes.add(render(conversation, row, row.message() == null ? null : byId.get(row.message().id())));
            }
            return changes;
        }));
    }

    private static ConversationChange render(ConversationId conversation, ChangeRow row, Message message) {
        UserId actor = UserId.of(row.actorId());
        switch (row.kind()) {
            case "created":
                return new MessageCreated(message, row.position());
            case "edited":
                return new MessageEdited(message, row.position());
            case "deleted":
                return new MessageDeleted(message, Optional.empty(), row.position());
            case "hidden":
                return new MessageDeleted(message, Optional.of(actor), row.position());
            case "reacted":
            case "unreacted":
                return new ReactionUpdated(message, actor, row.position());
            case "read":
                return new ReadMarkerMoved(conversation, actor, row.upToSeq(), row.position());
            case "delivered":
                return new DeliveryMarkerMoved(conversation, actor, row.upToSeq(), row.position());
            default:
                throw new IllegalStateException("a change this store cannot replay: " + row.kind() + " at "
                        + row.position() + " of " + conversation);
        }
    }

    long positionOfMessage(ConversationId conversation, long seq) {
        Objects.requireNonNull(conversation, "conversation");
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative, was " + seq);
        }
        if (seq == 0) {
            return 0;
        }
        return Failures.guard(() -> jdbi.withHandle(handle -> handle.createQuery(Sql.POSITION_OF_MESSAGE)
                .bind("cid", conversation.value())
                .bind("seq", seq)
                .mapTo(Long.class)
                .findOne()
                .orElse(0L)));
    }

    long messageSeqAt(ConversationId conversation, long position) {
        Objects.requireNonNull(conversation, "conversation");
        return Failures.guard(() -> jdbi.withHandle(handle -> handle.createQuery(Sql.MESSAGE_SEQ_AT)
                .bind("cid", conversation.value())
                .bind("position", position)
                .mapTo(Long.class)
                .findOne()
                .orElse(0L)));
    }
}
