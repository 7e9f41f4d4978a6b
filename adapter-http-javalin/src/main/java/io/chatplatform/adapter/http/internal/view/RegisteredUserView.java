package io.chatplatform.adapter.http.internal.view;

import io.chatplatform.domain.user.Account;

/** The answer to a registration. */
public record RegisteredUserView(long id, String username, String email) {

    public static RegisteredUserView of(Account user) {
        return new RegisteredUserView(user.id().value(), user.username().value(), user.email().value());
    }
}
