package io.chatplatform.application.port.out;

import io.chatplatform.domain.user.DisplayName;
import io.chatplatform.domain.user.SearchTerm;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Queries over many users. These are the only user queries that may touch every shard, so each is
 * bounded by a limit.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface FindUsers {

    /**
     * Users whose username or display name contains the term, ignoring case, best matches first
     * (exact username, then username prefix, then the rest by username).
     */
    List<DirectoryEntry> search(SearchTerm term, UserId excluded, int limit);

    /** The users with these ids that exist, in no particular order. */
    List<DirectoryEntry> byIds(Collection<UserId> ids);


    /** The public part of an account, as directories list it. */
    record DirectoryEntry(UserId id, Username username, Optional<DisplayName> displayName, Instant lastSeen) {
        public DirectoryEntry {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(lastSeen, "lastSeen");
        }
    }
}
