package io.chatplatform.adapter.http.internal.view;

import io.chatplatform.application.port.in.UserSummary;
import io.chatplatform.domain.user.DisplayName;

/** A user found by a search. */
public record UserSearchResultView(long id, String username, @Nullable String displayName, boolean isOnline) {

    public static UserSearchResultView of(UserSummary user) {
        return new UserSearchResultView(user.id().value(), user.username().value(),
                user.displayName().map(DisplayName::value).orElse(null), user.online());
    }
}
