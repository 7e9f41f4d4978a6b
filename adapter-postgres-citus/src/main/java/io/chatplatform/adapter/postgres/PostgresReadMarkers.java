package io.chatplatform.adapter.postgres;

import io.chatplatform.application.port.out.MoveReadMarker;
import io.chatplatform.domain.conversation.ReadPosition;
import io.chatplatform.domain.conversation.UnreadCount;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Read and delivery markers in PostgreSQL ({@link MoveReadMarker}), for {@link PostgresMessageStore}.
 *
 * <p>A marker that moves is a change of its conversation: it takes the conversation row's lock
 * and the next position ({@link Sql#ADVANCE_CHANGE}), then moves. Most calls move nothing (a
 * client acknowledging what it had, a history read of old messages), so the markers are read
 * first, outside any transaction, and such a call writes nothing. A call that would move reads them again
 * under the lock, where nothing else can move them (every writer of a conversation-list row holds
 * its conversation's lock); if another call got there first and nothing is left to move, the
 * transaction rolls back and takes its position back with it, so positions stay contiguous.
 */
final class PostgresReadMarkers {

    private final Jdbi jdbi;

    PostgresReadMarkers(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    Optional<MoveReadMarker.ReadState> markRead(UserId owner, UserId peer, long upToSeq) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(peer, "peer");
        if (upToSeq < 0) {
            throw new IllegalArgumentException("upToSeq cannot be negative, was " + upToSeq);
        }
        ConversationId conversation = ConversationId.between(owner, peer);
        return Failures.guard(() -> jdbi.withHandle(outside -> {
            Optional<MarkersRow> seen = markers(outside, owner, peer);
            if (seen.isEmpty()) {
                return Optional.<MoveReadMarker.ReadState>empty();
            }
            if (ReadPosition.advance(seen.get().lastReadSeq(), upToSeq, seen.get().lastSeq()) == seen.get().lastReadSeq()) {
                return Optional.of(unmoved(seen.get()));
            }
            return outside.inTransaction(handle -> moveRead(handle, conversation, owner, peer, upToSeq));
        }));
    }

    private static Optional<MoveReadMarker.ReadState> moveRead(Handle handle, ConversationId conversation, UserId owner,
                                                               UserId peer, long upToSeq) {
        StoredMessages.Position next = StoredMessages.nextPosition(handle, conversation);
        long position = next.value();
        MarkersRow line = markers(handle, owner, peer).orElseThrow();
        long from = line.lastReadSeq();
        long to = ReadPosition.advance(from, upToSeq, line.lastSeq());
        if (to == from) {
            handle.rollback();
            return Optional.of(unmoved(line));
        }
        long removedBetween = line.removedUnread() == 0 ? 0 : handle.createQuery(Sql.COUNT_REMOVED_BETWEEN)
                .bind("cid", conversation.value())
                .bind("fromSeq", from)
                .bind("toSeq", to)
                .bind("userId", owner.value())
                .mapTo(Long.class)
                .one();
        long unread = UnreadCount.afterRead(line.unreadCount(), from, to, removedBetween);
        handle.createUpdate(Sql.MOVE_READ_MARKER)
                .bind("toSeq", to)
                .bind("removedBetween", removedBetween)
                .bind("changeSeq", position)
                .bind("userId", owner.value())
                .bind("peerId", peer.value())
                .execute();
        if (!owner.equals(peer)) {
            handle.createUpdate(Sql.PEER_READ)
                    .bind("toSeq", to)
                    .bind("changeSeq", position)
                    .bind("userId", peer.value())
                    .bind("peerId", owner.value())
                    .execute();
        }
        recordMarker(handle, conversation, next, "read", owner, to);
        return Optional.of(new MoveReadMarker.ReadState(to, line.lastSeq(), unread, OptionalLong.of(position)));
    }

    Optional<MoveReadMarker.Delivered> markDelivered(UserId recipient, UserId peer, long upToSeq) {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(peer, "peer");
        if (recipient.equals(peer)) {
            // notes to self: nobody waits for the ticks
            return Optional.empty();
        }
        ConversationId conversation = ConversationId.between(recipient, peer);
        return Failures.guard(() -> jdbi.withHandle(outside -> {
            Optional<MarkersRow> seen = markers(outside, recipient, peer);
            if (seen.isEmpty() || Math.min(upToSeq, seen.get().lastSeq()) <= seen.get().deliveredSeq()) {
                return Optional.<MoveReadMarker.Delivered>empty();
            }
            return outside.inTransaction(handle -> moveDelivered(handle, conversation, recipient, peer, upToSeq));
        }));
    }

    private static Optional<MoveReadMarker.Delivered> moveDelivered(Handle handle, ConversationId conversation,
                                                                    UserId recipient, UserId peer, long upToSeq) {
        StoredMessages.Position next = StoredMessages.nextPosition(handle, conversation);
        long position = next.value();
        MarkersRow line = markers(handle, recipient, peer).orElseThrow();
        long to = Math.min(upToSeq, line.lastSeq());
        if (to <= line.deliveredSeq()) {
            handle.rollback();
            return Optional.empty();
        }
        handle.createUpdate(Sql.MOVE_DELIVERY_MARKER)
                .bind("toSeq", to)
                .bind("changeSeq", position)
                .bind("userId", recipient.value())
                .bind("peerId", peer.value())
                .execute();
        handle.createUpdate(Sql.PEER_DELIVERED)
                .bind("toSeq", to)
                .bind("changeSeq", position)
                .bind("userId", peer.value())
                .bind("peerId", recipient.value())
                .execute();
        recordMarker(handle, conversation, next, "delivered", recipient, to);
        return Optional.of(new MoveReadMarker.Delivered(to, position));
    }

    private static MoveReadMarker.ReadState unmoved(MarkersRow line) {
        return new MoveReadMarker.ReadState(line.lastReadSeq(), line.lastSeq(), line.unreadCount(), OptionalLong.empty());
    }

    private static Optional<MarkersRow> markers(Handle handle, UserId owner, UserId peer) {
        return handle.createQuery(Sql.INBOX_MARKERS)
                .bind("userId", owner.value())
                .bind("peerId", peer.value())
                .mapTo(MarkersRow.class)
                .findOne();
    }

    private static void recordMarker(Handle handle, ConversationId conversation, StoredMessages.Position position,
                                     String kind, UserId actor, long upToSeq) {
        handle.createUpdate(Sql.INSERT_CHANGE)
                .bind("cid", conversation.value())
                .bind("changeSeq", position.value())
                .bind("lastSeq", position.lastSeq())
                .bind("kind", kind)
                .bindByType("messageId", null, Long.class)
                .bind("actorId", actor.value())
                .bind("upToSeq", upToSeq)
                .bindByType("at", null, Instant.class)
                .execute();
    }
}
