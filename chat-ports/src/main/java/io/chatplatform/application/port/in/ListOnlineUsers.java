package io.chatplatform.application.port.in;

import io.chatplatform.domain.InvalidValueException;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Objects;

/**
 * Lists users who are online now (see {@link io.chatplatform.domain.user.Presence}).
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface ListOnlineUsers {

    /** Most recently active first; never the viewer themself. */
    List<UserSummary> onlineUsers(Query query);

    /** Who asks, and at most how many results (1 to {@value #MAX_LIMIT}). */
    record Query(UserId viewer, int limit) {
        public static final int DEFAULT_LIMIT = 100;
        public static final int MAX_LIMIT = 500;

        public Query {
            Objects.requireNonNull(viewer, "viewer");
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new InvalidValueException("limit", "must be between 1 and " + MAX_LIMIT);
            }
        }
    }
}
