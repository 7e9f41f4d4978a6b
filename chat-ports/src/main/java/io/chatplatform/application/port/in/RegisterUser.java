package io.chatplatform.application.port.in;

import io.chatplatform.domain.limit.ClientAddress;
import io.chatplatform.domain.user.Account;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.Username;
import java.util.Objects;

/**
 * Creates an account.
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface RegisterUser {

    Result register(Command command);

    /** A validated registration form. */
    record Command(Username username, Email email, Password password, ClientAddress from) {
        public Command {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(from, "from");
        }

        /** A registration whose client address is not known (limited as one address). */
        public Command(Username username, Email email, Password password) {
            this(username, email, password, ClientAddress.UNKNOWN);
        }
    }

    /** What became of a registration: {@link Throttled} when the address registered too often lately. */
    sealed interface Result permits Registered, AlreadyRegistered, Throttled {
    }

    /** The account was created. */
    record Registered(Account account) implements Result {
        public Registered {
            Objects.requireNonNull(account, "account");
        }
    }

    /** The username or the email (ignoring case) belongs to another account. */
    record AlreadyRegistered() implements Result {
    }
}
