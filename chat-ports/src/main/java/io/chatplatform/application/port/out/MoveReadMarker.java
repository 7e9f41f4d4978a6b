package io.chatplatform.application.port.out;

import io.chatplatform.domain.user.UserId;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Moves read and delivery markers forward. A marker that moves is a change of its conversation:
 * it gets the conversation's next position in the change stream, in the same transaction.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface MoveReadMarker {

    /**
     * Moves the owner's read marker in their conversation with {@code peer} to {@code upToSeq},
     * unless it already stands further (a marker never moves back, nor past the newest message).
     * Read implies received: the owner's delivery marker moves along. The peer's conversation
     * list learns how far the owner read.
     *
     * @return the marker after the change; empty when the owner has no conversation with the peer
     */
    Optional<ReadState> markRead(UserId owner, UserId peer, long upToSeq);

    /**
     * Records that a session of {@code recipient} received the messages of the conversation with
     * {@code peer} up to {@code upToSeq}, unless the delivery marker already stands there or
     * further (or past the newest message, where it stops).
     *
     * @return the move; empty when nothing moved or there is no such conversation
     */
    Optional<Delivered> markDelivered(UserId recipient, UserId peer, long upToSeq);

    /**
     * Where a reader stands in a conversation.
     *
     * @param lastReadSeq the read marker
     * @param lastSeq     the newest message's seq
     * @param unreadCount messages after the marker still there for the reader
     * @param position    the move's position in the change stream; empty when the marker did not move
     */
    record ReadState(long lastReadSeq, long lastSeq, long unreadCount, OptionalLong position) {
        public ReadState {
            java.util.Objects.requireNonNull(position, "position");
            if (lastReadSeq < 0 || lastReadSeq > lastSeq) {
                throw new IllegalArgumentException("lastReadSeq must be between 0 and lastSeq (" + lastSeq
                        + "), was " + lastReadSeq);
            }
            if (unreadCount < 0 || unreadCount > lastSeq - lastReadSeq) {
                throw new IllegalArgumentException("unreadCount must be between 0 and " + (lastSeq - lastReadSeq)
                        + ", was " + unreadCount);
            }
        }
    }

    /** The delivery marker moved to {@code upToSeq}, at {@code position} of the change stream. */
    record Delivered(long upToSeq, long position) {
        public Delivered {
            if (upToSeq < 1 || position < 1) {
                throw new IllegalArgumentException("upToSeq and position must be at least 1, were " + upToSeq
                        + " and " + position);
            }
        }
    }
}
