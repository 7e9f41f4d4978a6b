package io.chatplatform.application.port.in;

import io.chatplatform.domain.user.UserId;

/**
 * Notes that a user is active, which keeps them online (see {@link io.chatplatform.domain.user.Presence}).
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface RecordActivity {

    /** Called on every authenticated request; cheap when called often. */
    void recordActivity(UserId user);
}
