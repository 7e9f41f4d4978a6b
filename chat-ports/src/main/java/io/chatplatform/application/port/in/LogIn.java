package io.chatplatform.application.port.in;

import io.chatplatform.application.port.out.AccessTokens.AccessToken;
import io.chatplatform.domain.user.PasswordAttempt;
import io.chatplatform.domain.user.UserId;
import java.util.Objects;

/** Exchanges a username and password for an access token. */
public interface LogIn {

    Result logIn(Command command);

    /**
     * A login form. The username is taken as typed: an invalid one is simply unknown, and the
     * answer must not tell an unknown user from a wrong password.
     */
    record Command(String username, PasswordAttempt password) {
        public Command {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }
    }

    /** What became of a login. */
    sealed interface Result {
    }

    /** The credentials were right. */
    record LoggedIn(UserId userId, AccessToken token) implements Result {
        public LoggedIn {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(token, "token");
        }
    }

    /** Unknown username (matched case-sensitively) or wrong password; which one is not said. */
    record InvalidCredentials() implements Result {
    }
}
