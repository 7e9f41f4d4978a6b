package io.chatplatform.application.port.in;

import io.chatplatform.domain.message.HistoryPage;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Objects;

/**
 * Reads the history of the caller's conversation with one peer.
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface ReadHistory {

    /**
     * A page of the conversation, newest first; empty when there is none (whether or not the peer
     * exists is not revealed).
     */
    List<Message> history(Query query);

    record Query(UserId reader, UserId peer, HistoryPage page) {
        public Query {
            Objects.requireNonNull(reader, "reader");
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(page, "page");
        }
    }
}
