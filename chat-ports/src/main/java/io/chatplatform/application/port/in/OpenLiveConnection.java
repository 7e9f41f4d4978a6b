package io.chatplatform.application.port.in;

import io.chatplatform.application.port.out.ClientChannel;
import io.chatplatform.domain.user.UserId;
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
     * comes first.
     */
    LiveConnection open(UserId user, ClientChannel channel);

    /** What a connected client can do. Calls return at once; the work runs in order per connection. */
    interface LiveConnection {

        /**
         * Replays, in order and once, every message the client missed: per conversation, those after
         * the seq the client last saw ({@code positions}: peer user id to seq; a conversation not named
         * is replayed from its start), then continues live without gap or duplicate.
         */
        void resume(Map<UserId, Long> positions);

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
