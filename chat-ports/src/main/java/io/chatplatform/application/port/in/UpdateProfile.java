package io.chatplatform.application.port.in;

import io.chatplatform.domain.user.Account;
import io.chatplatform.domain.user.Password;
import io.chatplatform.domain.user.PasswordAttempt;
import io.chatplatform.domain.user.ProfileUpdate;
import io.chatplatform.domain.session.SessionId;
import io.chatplatform.domain.user.UserId;
import java.util.Objects;
import java.util.Optional;

/**
 * Changes the caller's profile and, proving the current password, their password.
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface UpdateProfile {

    Result update(Command command);

    /**
     * What to change; a password change needs the current password, and ends every session of the
     * caller but {@code session} (the one making the change; all of them when empty).
     */
    record Command(UserId caller, Optional<SessionId> session, ProfileUpdate profile, Optional<PasswordChange> passwordChange) {
        public Command {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(passwordChange, "passwordChange");
        }

        /** A change made outside any session (by an embedding application): a password change ends every session. */
        public Command(UserId caller, ProfileUpdate profile, Optional<PasswordChange> passwordChange) {
            this(caller, Optional.empty(), profile, passwordChange);
        }
    }

    /** A new password and the proof that the caller knows the current one. */
    record PasswordChange(PasswordAttempt current, Password replacement) {
        public PasswordChange {
            Objects.requireNonNull(current, "current");
            Objects.requireNonNull(replacement, "replacement");
        }
    }

    /** What became of an update. */
    sealed interface Result {
    }

    /** The account after the update. */
    record Updated(Account account) implements Result {
        public Updated {
            Objects.requireNonNull(account, "account");
        }
    }

    /** The current password was wrong; nothing was changed. */
    record WrongCurrentPassword() implements Result {
    }

    /** The caller's account no longer exists. */
    record UnknownUser() implements Result {
    }
}
