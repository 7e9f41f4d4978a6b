package io.chatplatform.domain.user;

import java.util.Objects;

/** A partial change of a {@link Profile}; each part says whether to keep, clear or set that field. */
public record ProfileUpdate(FieldUpdate<DisplayName> displayName, FieldUpdate<AvatarUrl> avatarUrl,
                            FieldUpdate<TimeZoneName> timezone) {

    /** Changes nothing. */
    public static final ProfileUpdate NONE = new ProfileUpdate(FieldUpdate.keep(), FieldUpdate.keep(), FieldUpdate.keep());

    public ProfileUpdate {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(avatarUrl, "avatarUrl");
        Objects.requireNonNull(timezone, "timezone");
    }

    /** Whether applying this update can change nothing. */
    public boolean isEmpty() {
        return displayName.isKeep() && avatarUrl.isKeep() && timezone.isKeep();
    }
}
