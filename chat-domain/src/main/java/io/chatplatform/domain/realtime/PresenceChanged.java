package io.chatplatform.domain.realtime;

import io.chatplatform.domain.user.UserId;
import java.util.Objects;
import java.util.Set;

/** {@code user} came online or went offline; told to their conversation partners ({@code watchers}). */
public record PresenceChanged(UserId user, boolean online, Set<UserId> watchers) implements LiveEvent {

    public PresenceChanged {
        Objects.requireNonNull(user, "user");
        watchers = Set.copyOf(Objects.requireNonNull(watchers, "watchers"));
    }

    @Override
    public LiveEventType type() {
        return LiveEventType.PRESENCE;
    }

    @Override
    public Set<UserId> audience() {
        return watchers;
    }
}
