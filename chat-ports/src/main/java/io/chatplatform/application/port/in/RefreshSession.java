package io.chatplatform.application.port.in;

import io.chatplatform.domain.limit.ClientAddress;
import io.chatplatform.domain.user.UserId;
import java.util.Objects;

/**
 * Exchanges a refresh token for the session's next pair of tokens. The presented token is spent;
 * presenting a spent token again (outside a few seconds' grace for duplicates) ends the whole
 * session: see {@link io.chatplatform.domain.session.SessionPolicy}.
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface RefreshSession {

    Result refresh(Command command);

    /** The refresh token as the client presented it (anything: it is checked here), and where it came from. */
    record Command(String refreshToken, ClientAddress from) {
        public Command {
            Objects.requireNonNull(refreshToken, "refreshToken");
            Objects.requireNonNull(from, "from");
        }
    }

    /** What became of a refresh. */
    sealed interface Result permits Refreshed, Refused, Throttled {
    }

    /** The next pair; the presented token is spent. */
    record Refreshed(UserId user, SessionTokens tokens) implements Result {
        public Refreshed {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(tokens, "tokens");
        }
    }

    /** No tokens: the client must log in again. {@code why} is for logs and metrics, never told to the client. */
    record Refused(Why why) implements Result {
        public Refused {
            Objects.requireNonNull(why, "why");
        }
    }

    /** Why a refresh was refused. */
    enum Why {
        /** Not a refresh token at all. */
        MALFORMED,
        /** Its session is gone, or it never was this session's token. */
        UNKNOWN,
        /** It was current, but expired: the session ended. */
        EXPIRED,
        /** It was spent long enough ago to be a stolen copy: the session ended. */
        REUSED,
        /** It was spent a moment ago, by a concurrent refresh that won: the session stands. */
        DUPLICATE
    }
}
