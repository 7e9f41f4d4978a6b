package io.chatplatform.application.port.in;

import io.chatplatform.domain.InvalidValueException;
import io.chatplatform.domain.user.SearchTerm;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Objects;

/**
 * Finds other users by username or display name.
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface SearchUsers {

    Result search(Query query);

    /** The term and at most how many results (1 to {@value #MAX_LIMIT}). */
    record Query(UserId searcher, SearchTerm term, int limit) {
        public static final int DEFAULT_LIMIT = 20;
        public static final int MAX_LIMIT = 100;

        public Query {
            Objects.requireNonNull(searcher, "searcher");
            Objects.requireNonNull(term, "term");
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new InvalidValueException("limit", "must be between 1 and " + MAX_LIMIT);
            }
        }
    }

    /** What became of a search: {@link Throttled} when the searcher searched too much lately. */
    sealed interface Result permits Found, Throttled {
    }

    /** The matches, best first; never the searcher themself. */
    record Found(List<UserSummary> users) implements Result {
        public Found {
            users = List.copyOf(users);
        }
    }
}
