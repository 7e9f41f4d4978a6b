package io.chatplatform.application.port.out;

import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.PasswordHash;
import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.Objects;

/**
 * Stores new accounts, enforcing that usernames and emails are unique regardless of case.
 *
 * <p>Implementations must be safe for concurrent use: the library calls them from request threads and
 * from threads of its own (live connections, timers), several at once.
 */
public interface CreateUser {

    /**
     * Creates the account and assigns its id, atomically: either the user, their username and their
     * email are all stored, or nothing is.
     */
    Outcome create(NewUser user);

    /** An account to be created. */
    record NewUser(Username username, Email email, PasswordHash passwordHash, Instant createdAt) {
        public NewUser {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(passwordHash, "passwordHash");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    /** What became of a creation. */
    sealed interface Outcome {
    }

    /** The account exists now, with its id. */
    record Created(User user) implements Outcome {
        public Created {
            Objects.requireNonNull(user, "user");
        }
    }

    /** Another account already has this username or email; nothing was stored. */
    record Taken() implements Outcome {
    }
}
