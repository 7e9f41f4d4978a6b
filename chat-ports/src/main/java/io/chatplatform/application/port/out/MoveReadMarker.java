package io.chatplatform.application.port.out;

import io.chatplatform.domain.user.UserId;
import java.util.Optional;

/**
 * Moves read markers forward.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface MoveReadMarker {

    /**
     * Moves the owner's read marker in their conversation with {@code peer} to {@code upToSeq},
     * unless it already stands further (a marker never moves back, nor past the newest message).
     *
     * @return the marker after the change; empty when the owner has no conversation with the peer
     */
    Optional<ReadState> markRead(UserId owner, UserId peer, long upToSeq);

    /** Where a reader stands in a conversation. */
    record ReadState(long lastReadSeq, long lastSeq) {
        public ReadState {
            if (lastReadSeq < 0 || lastReadSeq > lastSeq) {
                throw new IllegalArgumentException("lastReadSeq must be between 0 and lastSeq (" + lastSeq
                        + "), was " + lastReadSeq);
            }
        }

        /** Messages still unread. */
        public long unreadCount() {
            return lastSeq - lastReadSeq;
        }
    }
}
