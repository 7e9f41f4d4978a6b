package io.chatplatform.adapter.http.internal.view;

import io.chatplatform.application.port.in.ViewProfile.PublicProfile;
import io.chatplatform.domain.user.AvatarUrl;
import io.chatplatform.domain.user.DisplayName;
import io.chatplatform.domain.user.TimeZoneName;
import java.time.Instant;

/** What every signed-in user may see of another: no email. */
public record PublicProfileView(long id, String username, @Nullable String displayName, @Nullable String avatarUrl,
                                @Nullable String timezone, Instant createdAt, Instant lastSeen, boolean isOnline) {

    public static PublicProfileView of(PublicProfile user) {
        var profile = user.profile();
        return new PublicProfileView(user.id().value(), user.username().value(),
                profile.displayName().map(DisplayName::value).orElse(null),
                profile.avatarUrl().map(AvatarUrl::value).orElse(null),
                profile.timezone().map(TimeZoneName::value).orElse(null),
                user.createdAt(), user.lastSeen(), user.online());
    }
}
