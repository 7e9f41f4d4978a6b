package io.chatplatform.application.port.in;

import io.chatplatform.domain.InvalidValueException;
import io.chatplatform.domain.conversation.InboxEntry;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Objects;

/**
 * Lists the caller's conversations with their unread counts.
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface ListConversations {

    /** Most recent activity first. */
    List<InboxEntry> conversations(Query query);

    /** Whose list, and at most how many lines (1 to {@value #MAX_LIMIT}). */
    record Query(UserId owner, int limit) {
        public static final int DEFAULT_LIMIT = 200;
        public static final int MAX_LIMIT = 1000;

        public Query {
            Objects.requireNonNull(owner, "owner");
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new InvalidValueException("limit", "must be between 1 and " + MAX_LIMIT);
            }
        }
    }
}
