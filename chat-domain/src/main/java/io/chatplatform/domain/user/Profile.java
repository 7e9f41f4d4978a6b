package io.chatplatform.domain.user;

import java.util.Objects;
import java.util.Optional;

/** What a user tells others about themself. Every part is optional. */
public record Profile(Optional<DisplayName> displayName, Optional<AvatarUrl> avatarUrl, Optional<TimeZoneName> timezone) {

    /** A profile with nothing filled in, as after registration. */
    public static final Profile EMPTY = new Profile(Optional.empty(), Optional.empty(), Optional.empty());

    public Profile {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(avatarUrl, "avatarUrl");
        Objects.requireNonNull(timezone, "timezone");
    }

    /** Applies an update; parts the update leaves alone stay as they are. */
    public Profile apply(ProfileUpdate update) {
        return new Profile(
                update.displayName().applyTo(displayName),
                update.avatarUrl().applyTo(avatarUrl),
                update.timezone().applyTo(timezone));
    }
}
