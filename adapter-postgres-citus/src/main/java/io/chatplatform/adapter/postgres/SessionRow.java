package io.chatplatform.adapter.postgres;

import io.chatplatform.domain.session.Session;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.session.UserAgent;
import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** A row of {@code sessions} without its hash ({@link Sql#SESSION_COLUMNS}). */
record SessionRow(long userId, long id, Instant createdAt, Instant lastUsedAt, String userAgent,
                  Instant refreshExpiresAt) {

    /** Reads {@link Sql#SESSION_COLUMNS} by name, without reflection. */
    static final RowMapper<SessionRow> MAPPER = (rs, ctx) -> new SessionRow(rs.getLong("user_id"), rs.getLong("id"),
            Rows.instant(rs, "created_at"), Rows.instant(rs, "last_used_at"), rs.getString("user_agent"),
            Rows.instant(rs, "refresh_expires_at"));

    Session toDomain() {
        return new Session(SessionId.of(id), UserId.of(userId), createdAt, lastUsedAt,
                Optional.ofNullable(userAgent).map(UserAgent::new), refreshExpiresAt);
    }
}
