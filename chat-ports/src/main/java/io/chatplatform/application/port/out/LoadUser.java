package io.chatplatform.application.port.out;

import io.chatplatform.domain.user.Account;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.util.Optional;

/**
 * Reads single accounts by their keys.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface LoadUser {

    /** The user with this id, credentials included: for checking a password. */
    Optional<User> byId(UserId id);

    /**
     * The account with this id, without credentials: what every other read needs, and what a cache
     * may hold.
     */
    default Optional<Account> accountById(UserId id) {
        return byId(id).map(User::account);
    }

    /**
     * The account whose username equals this one ignoring case. Callers that need an exact match
     * (login) compare the result's username themselves.
     */
    Optional<User> byUsername(Username username);
}
