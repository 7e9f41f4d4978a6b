package io.chatplatform.adapter.postgres;

import io.chatplatform.application.port.out.FindUsers.DirectoryEntry;
import io.chatplatform.domain.user.DisplayName;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** The public columns of a {@code users} row, as searches and the online list read them. */
record DirectoryRow(long id, String username, String displayName, Instant lastSeen) {

    /** Reads the public columns by name, without reflection. */
    static final RowMapper<DirectoryRow> MAPPER = (rs, ctx) -> new DirectoryRow(rs.getLong("id"),
            rs.getString("username"), rs.getString("display_name"), Rows.instant(rs, "last_seen"));

    DirectoryEntry toDomain() {
        return new DirectoryEntry(UserId.of(id), Username.of(username), Optional.ofNullable(displayName).map(DisplayName::of),
                lastSeen);
    }
}
