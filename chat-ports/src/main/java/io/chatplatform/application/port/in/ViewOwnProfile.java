package io.chatplatform.application.port.in;

import io.chatplatform.domain.user.Account;
import io.chatplatform.domain.user.UserId;
import java.util.Optional;

/**
 * Shows a user their own account.
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface ViewOwnProfile {

    /** The caller's account; empty if it no longer exists. */
    Optional<Account> ownProfile(UserId caller);
}
