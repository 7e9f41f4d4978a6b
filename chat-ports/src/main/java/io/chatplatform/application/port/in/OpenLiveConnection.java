package io.chatplatform.application.port.in;

import io.chatplatform.application.port.out.ClientChannel;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.util.Optional;
import java.util.Map;

/**
 * Opens a live connection for an authenticated user: events reach them as they happen.
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface OpenLiveConnection {

    /**
     * Registers the connection. Live events are held back until the client's first message (so
     * that a {@link LiveConnection#resume resume} comes before them) or a short wait, whichever
     * comes first. A connection opened with a session's token is closed
     * ({@link io.chatplatform.domain.realtime.CloseReason#SESSION_REVOKED}) when the session ends.
     */
    LiveConnection open(UserId user, Optional<SessionId> session, ClientChannel channel);

    /**
     * A connection outside any login session (an embedding application's own user): nothing but
     * the application itself closes it.
     */
    default LiveConnection open(UserId user, ClientChannel channel) {
        return open(user, Optional.empty(), channel);
    }

    /** What a connected client can do. Calls return at once; the work runs in order per connection. */
    interface LiveConnection {

        /**
         * Replays, in order and once, every change the client missed: per conversation, those after
         * the client's position in the conversation's change stream, then continues live without gap
         * or duplicate. {@code changePositions} (peer user id to the last change position seen) is
         * what a client of the change stream sends; {@code messageSeqs} (peer user id to the last
         * message seq seen) is what a client that counts messages only sends, and stands for the
         * position of that message's creation. A peer named in both is taken from
         * {@code changePositions}; a conversation named in neither is replayed from its start.
         */
        void resume(Map<UserId, Long> messageSeqs, Map<UserId, Long> changePositions);

        /**
         * The client received the messages of its conversation with {@code peer} up to seq
         * {@code upToSeq}: the peer's messages up to there are delivered (the peer's ticks follow).
         */
        void received(UserId peer, long upToSeq);

        /** The user is typing to {@code peer} (rate-limited; only to someone they have a conversation with). */
        void typing(UserId peer);

        /** Answered with a pong. */
        void ping();

        /** Any other client message: ends the wait for a resume. */
        void activity();

        /** The connection closed. */
        void closed();
    }
}
