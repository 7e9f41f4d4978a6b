package io.chatplatform.adapter.http.internal.view;

import io.chatplatform.domain.user.AvatarUrl;
import io.chatplatform.domain.user.DisplayName;
import io.chatplatform.domain.user.TimeZoneName;
import io.chatplatform.domain.user.Account;
import java.time.Instant;

/** A user's own account as they see it: with their email, never their password hash. */
public record OwnProfileView(long id, String username, String email, @Nullable String displayName,
                             @Nullable String avatarUrl, @Nullable String timezone, Instant createdAt,
                             Instant lastSeen) {

    public static OwnProfileView of(Account user) {
        var profile = user.profile();
        return new OwnProfileView(user.id().value(), user.username().value(), user.email().value(),
                profile.displayName().map(DisplayName::value).orElse(null),
                profile.avatarUrl().map(AvatarUrl::value).orElse(null),
                profile.timezone().map(TimeZoneName::value).orElse(null),
                user.createdAt(), user.lastSeen());
    }
}
