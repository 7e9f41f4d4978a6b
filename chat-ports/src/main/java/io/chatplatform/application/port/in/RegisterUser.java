package io.chatplatform.application.port.in;

import io.chatplatform.domain.user.Account;
import io.chatplatform.domain.user.Email;
import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.Username;
import java.util.Objects;

/** Creates an account. */
public interface RegisterUser {

    Result register(Command command);

    /** A validated registration form. */
    record Command(Username username, Email email, Password password) {
        public Command {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(password, "password");
        }
    }

    /** What became of a registration. */
    sealed interface Result {
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
