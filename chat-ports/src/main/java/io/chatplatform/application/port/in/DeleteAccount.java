package io.chatplatform.application.port.in;

import io.chatplatform.domain.user.PasswordAttempt;
import io.chatplatform.domain.user.UserId;
import java.util.Objects;

/**
 * Deletes the caller's account, proving the password. When this returns {@link Deleted}, the
 * account can no longer log in or be found, every session has ended, and its username and email
 * stay taken for a while; the text of every message it sent is then erased in the background, in
 * bounded steps that survive a restart (the peers keep tombstones).
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface DeleteAccount {

    Result delete(Command command);

    /**
     * Continues, in the background, every erasure that stopped before it finished (the process
     * stopped mid-way). Call once at start-up; an erasure already running here is not started twice.
     *
     * @return how many erasures were found unfinished
     */
    int resumeErasures();

    /** Who asks, with their password. */
    record Command(UserId caller, PasswordAttempt password) {
        public Command {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(password, "password");
        }
    }

    /** What became of a deletion. */
    sealed interface Result permits Deleted, WrongPassword, UnknownUser {
    }

    /** The account is gone; its messages are being erased. */
    record Deleted() implements Result {
    }

    /** The password was wrong; nothing changed. */
    record WrongPassword() implements Result {
    }

    /** The caller's account no longer exists. */
    record UnknownUser() implements Result {
    }
}
