package io.chatplatform.adapter.http.internal.view;

import io.chatplatform.application.port.in.BlockUsers;

/** A user the caller blocked. */
public record BlockedUserView(long id, String username) {

    public static BlockedUserView of(BlockUsers.BlockedUser user) {
        return new BlockedUserView(user.id().value(), user.username().value());
    }
}
