package io.chatplatform.application.service;

import io.chatplatform.application.port.in.RecordActivity;
import io.chatplatform.application.port.out.EventPublisher;
import io.chatplatform.application.port.out.PresenceRegistry;
import io.chatplatform.application.port.out.UpdateUser;
import io.chatplatform.domain.event.ActivityRecorded;
import io.chatplatform.domain.user.Presence;
import io.chatplatform.domain.user.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records user activity: the last-seen time in the store and an online claim in the presence
 * registry for {@link Presence#onlineWindow()}. At most once per {@link Presence#recordInterval()}
 * per user and instance, so that a burst of requests costs one write.
 */
public final class ActivityService implements RecordActivity {

    /** Above this many remembered users, forget those whose interval has passed. */
    static final int PRUNE_THRESHOLD = 10_000;

    private final UpdateUser updateUser;
    private final Presence presence;
    private final PresenceRegistry registry;
    private final EventPublisher events;
    private final Clock clock;
    private final Map<UserId, Instant> lastRecorded = new ConcurrentHashMap<>();

    public ActivityService(UpdateUser updateUser, Presence presence, PresenceRegistry registry, EventPublisher events,
                           Clock clock) {
        this.updateUser = Objects.requireNonNull(updateUser, "updateUser");
        this.presence = Objects.requireNonNull(presence, "presence");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void recordActivity(UserId user) {
        Instant now = Times.now(clock);
        boolean[] due = {false};
        lastRecorded.compute(user, (id, previous) -> {
            if (previous == null || presence.shouldRecord(previous, now)) {
                due[0] = true;
                return now;
            }
            return previous;
        });
        if (due[0]) {
            updateUser.recordLastSeen(user, now);
            registry.active(user, now.plus(presence.onlineWindow()));
            events.publish(new ActivityRecorded(user, now));
            if (lastRecorded.size() > PRUNE_THRESHOLD) {
                lastRecorded.values().removeIf(recorded -> presence.shouldRecord(recorded, now));
            }
        }
    }

    /** How many users' last recording is remembered, for tests of the bound. */
    int rememberedUsers() {
        return lastRecorded.size();
    }
}
