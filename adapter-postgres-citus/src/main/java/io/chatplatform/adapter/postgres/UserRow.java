package io.chatplatform.adapter.postgres;

import io.chatplatform.domain.user.AvatarUrl;
import io.chatplatform.domain.user.DisplayName;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.Profile;
import io.chatplatform.domain.user.TimeZoneName;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** A row of {@code users} as Jdbi reads it; nullable columns are plain nulls here and Optionals in the domain. */
record UserRow(long id, String username, String email, String passwordHash, String displayName, String avatarUrl,
               String timezone, Instant createdAt, Instant lastSeen) {

    /** Reads {@link Sql#USER_COLUMNS} by name, without reflection. */
    static final RowMapper<UserRow> MAPPER = (rs, ctx) -> new UserRow(rs.getLong("id"), rs.getString("username"),
            rs.getString("email"), rs.getString("password_hash"), rs.getString("display_name"),
            rs.getString("avatar_url"), rs.getString("timezone"), Rows.instant(rs, "created_at"),
            Rows.instant(rs, "last_seen"));

    User toDomain() {
        Profile profile = new Profile(
                Optional.ofNullable(displayName).map(DisplayName::of),
                Optional.ofNullable(avatarUrl).map(AvatarUrl::of),
                Optional.ofNullable(timezone).map(TimeZoneName::of));
        return new User(UserId.of(id), Username.of(username), Email.of(email), new PasswordHash(passwordHash), profile,
                createdAt, lastSeen);
    }
}
