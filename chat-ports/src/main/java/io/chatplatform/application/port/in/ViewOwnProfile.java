package io.chatplatform.application.port.in;

import io.chatplatform.domain.user.User;
import io.chatplatform.domain.user.UserId;
import java.util.Optional;

/** Shows a user their own account. */
public interface ViewOwnProfile {

    /** The caller's account; empty if it no longer exists. */
    Optional<User> ownProfile(UserId caller);
}
