package io.chatplatform.adapter.postgres;

import io.chatplatform.application.port.out.FindUsers.DirectoryEntry;
import io.chatplatform.domain.user.DisplayName;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.Optional;

/** The public columns of a {@code users} row, as searches and the online list read them. */
record DirectoryRow(long id, String username, String displayName, Instant lastSeen) {

    DirectoryEntry toDomain() {
        return new DirectoryEntry(UserId.of(id), Username.of(username), Optional.ofNullable(displayName).map(DisplayName::of),
                lastSeen);
    }
}
