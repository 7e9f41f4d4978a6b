package io.chatplatform.application.port.in;

import io.chatplatform.domain.session.Session;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.util.List;
import java.util.Objects;

/**
 * A user's view and control of their sessions: list them, log out, end one (a lost phone), end
 * every other. An ended session's access tokens are refused here before the call returns, and
 * within {@code SessionPolicy.checkReuse()} (500 ms) on every other instance; its live connections
 * are told to close on every instance.
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface ManageSessions {

    /** The caller's sessions, most recently used first; {@link Listed} or {@link Throttled}. */
    ListResult list(UserId caller, SessionId current);

    /** Ends the caller's current session (logout). Ending one that already ended is no error. */
    void logOut(UserId caller, SessionId current);

    /** Ends one of the caller's sessions. */
    EndResult end(UserId caller, SessionId current, SessionId target);

    /** Ends every session of the caller but the current one. */
    EndResult endOthers(UserId caller, SessionId current);

    /** A session as its owner sees it. */
    record SessionView(Session session, boolean current) {
        public SessionView {
            Objects.requireNonNull(session, "session");
        }
    }

    /** What became of a listing. */
    sealed interface ListResult permits Listed, Throttled {
    }

    /** The sessions. */
    record Listed(List<SessionView> sessions) implements ListResult {
        public Listed {
            sessions = List.copyOf(sessions);
        }
    }

    /** What became of an ending. */
    sealed interface EndResult permits Ended, NoSuchSession, Throttled {
    }

    /** These sessions ended (none when there was nothing else to end). */
    record Ended(int count) implements EndResult {
    }

    /** The caller has no session with that id (never reveals another user's). */
    record NoSuchSession() implements EndResult {
    }
}
