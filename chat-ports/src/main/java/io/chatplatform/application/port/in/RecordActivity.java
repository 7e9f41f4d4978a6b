package io.chatplatform.application.port.in;

import io.chatplatform.domain.user.UserId;

/** Notes that a user is active, which keeps them online (see {@link io.chatplatform.domain.user.Presence}). */
public interface RecordActivity {

    /** Called on every authenticated request; cheap when called often. */
    void recordActivity(UserId user);
}
