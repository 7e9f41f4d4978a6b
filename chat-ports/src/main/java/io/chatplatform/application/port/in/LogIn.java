package io.chatplatform.application.port.in;

import io.chatplatform.application.port.out.AccessTokens.AccessToken;
import io.chatplatform.domain.limit.ClientAddress;
import io.chatplatform.domain.user.PasswordAttempt;
import io.chatplatform.domain.session.UserAgent;
import io.chatplatform.domain.user.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * Exchanges a username and password for a new session: an access token and a refresh token.
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface LogIn {

    Result logIn(Command command);

    /**
     * A login form. The username is taken as typed: an invalid one is simply unknown, and the
     * answer must not tell an unknown user from a wrong password.
     */
    record Command(String username, PasswordAttempt password, ClientAddress from, Optional<UserAgent> userAgent) {
        public Command {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(userAgent, "userAgent");
        }

        /** A login from a client that did not describe itself. */
        public Command(String username, PasswordAttempt password, ClientAddress from) {
            this(username, password, from, Optional.empty());
        }

        /** A login whose client address is not known (limited as one address). */
        public Command(String username, PasswordAttempt password) {
            this(username, password, ClientAddress.UNKNOWN);
        }
    }

    /**
     * What became of a login: {@link Throttled} when the username or the client address has failed
     * too often lately (then the password was not even checked).
     */
    sealed interface Result permits LoggedIn, InvalidCredentials, Throttled {
    }

    /** The credentials were right: a new session, and its first tokens. */
    record LoggedIn(UserId userId, SessionTokens tokens) implements Result {
        public LoggedIn {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(tokens, "tokens");
        }

        /** The access token. */
        public AccessToken token() {
            return tokens.access();
        }
    }

    /** Unknown username (matched case-sensitively) or wrong password; which one is not said. */
    record InvalidCredentials() implements Result {
    }
}
