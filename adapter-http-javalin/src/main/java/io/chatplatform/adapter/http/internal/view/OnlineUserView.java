package io.chatplatform.adapter.http.internal.view;

import io.chatplatform.application.port.in.UserSummary;
import io.chatplatform.domain.user.DisplayName;
import java.time.Instant;

/** A user who is online now. */
public record OnlineUserView(long id, String username, @Nullable String displayName, Instant lastSeen) {

    public static OnlineUserView of(UserSummary user) {
        return new OnlineUserView(user.id().value(), user.username().value(),
                user.displayName().map(DisplayName::value).orElse(null), user.lastSeen());
    }
}
