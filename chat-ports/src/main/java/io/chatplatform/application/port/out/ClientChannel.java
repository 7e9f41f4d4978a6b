package io.chatplatform.application.port.out;

import io.chatplatform.domain.realtime.CloseReason;
import io.chatplatform.domain.realtime.LiveEvent;
import io.chatplatform.domain.user.UserId;
import java.util.Objects;

/**
 * One open live connection to a client (a WebSocket), as the application sees it: a bounded
 * outbox. The adapter behind it writes to the network at the client's pace.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface ClientChannel {

    /**
     * Queues a message for the client without blocking.
     *
     * @return false when the client is too slow and its queue is full; the caller then closes the
     *         channel instead of growing the server's memory
     */
    boolean offer(ServerMessage message);

    /**
     * Closes the connection for {@code reason}; the adapter turns the reason into its transport's
     * code and text (for a WebSocket, a close code and a reason the client can read). Only the
     * first call counts.
     */
    void close(CloseReason reason);

    /** What the server says on a live connection. */
    sealed interface ServerMessage {
    }

    /** A live event. */
    record Live(LiveEvent event) implements ServerMessage {
        public Live {
            Objects.requireNonNull(event, "event");
        }
    }

    /** A resume finished: {@code replayed} missed changes were sent, live events follow. */
    record ResumeDone(int replayed) implements ServerMessage {
    }

    /**
     * The resume of the conversation with {@code peer} stopped early, after change
     * {@code afterPosition} (where the message with seq {@code afterSeq} was the newest): fetch its
     * history after that through the HTTP API.
     */
    record ResumeTruncated(UserId peer, long afterSeq, long afterPosition) implements ServerMessage {
        public ResumeTruncated {
            Objects.requireNonNull(peer, "peer");
            if (afterSeq < 0 || afterPosition < afterSeq) {
                throw new IllegalArgumentException("need 0 <= afterSeq <= afterPosition, were " + afterSeq + " and "
                        + afterPosition);
            }
        }
    }

    /**
     * Events may have been lost on the way to this instance (its link to the other instances broke):
     * the client should resume from its positions.
     */
    record ResyncAdvised() implements ServerMessage {
    }

    /** The answer to a ping. */
    record Pong() implements ServerMessage {
    }

    /** A client message could not be honoured; the connection stays open. */
    record Problem(String code, String message) implements ServerMessage {
        public Problem {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }
}
