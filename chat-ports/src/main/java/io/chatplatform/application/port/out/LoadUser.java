package io.chatplatform.application.port.out;

import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.util.Optional;

/** Reads single accounts by their keys. */
public interface LoadUser {

    /** The account with this id. */
    Optional<User> byId(UserId id);

    /**
     * The account whose username equals this one ignoring case. Callers that need an exact match
     * (login) compare the result's username themselves.
     */
    Optional<User> byUsername(Username username);
}
