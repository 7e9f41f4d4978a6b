package io.chatplatform.application.port.in;

import io.chatplatform.domain.user.Profile;
import io.chatplatform.domain.user.UserId;
import io.chatplatform.domain.user.Username;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Shows any signed-in user the public part of another user's account.
 *
 * <p>Safe for concurrent use: the library's implementation may be called from any number of threads at once.
 */
public interface ViewProfile {

    Optional<PublicProfile> profileOf(UserId viewer, UserId target);

    /** What everyone may see of a user: never their email or credentials. */
    record PublicProfile(UserId id, Username username, Profile profile, Instant createdAt, Instant lastSeen,
                         boolean online) {
        public PublicProfile {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(lastSeen, "lastSeen");
        }
    }
}
