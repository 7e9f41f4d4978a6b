package io.chatplatform.application.port.out;

import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.PasswordAttempt;
import io.chatplatform.domain.user.PasswordHash;

/**
 * One-way password hashing. Deliberately slow: that is its protection.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface PasswordHasher {

    /** A salted hash of the password. */
    PasswordHash hash(Password password);

    /** Whether the attempt is the password the hash was made from. Never throws for a foreign hash format. */
    boolean matches(PasswordAttempt attempt, PasswordHash hash);
}
