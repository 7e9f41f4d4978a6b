package io.chatplatform.domain.user;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a user counts as online, and how often their activity is worth recording.
 *
 * <p>A user is online when their last recorded activity lies within {@link #onlineWindow()}.
 * Recording every request would turn each read into a write, so activity is recorded at most once
 * per {@link #recordInterval()}; the interval must be shorter than the window or an active user
 * would flicker offline.
 */
public record Presence(Duration onlineWindow, Duration recordInterval) {

    /** Online for 5 minutes after the last activity, recorded at most once a minute. */
    public static final Presence DEFAULT = new Presence(Duration.ofMinutes(5), Duration.ofMinutes(1));

    public Presence {
        Objects.requireNonNull(onlineWindow, "onlineWindow");
        Objects.requireNonNull(recordInterval, "recordInterval");
        if (onlineWindow.isNegative() || onlineWindow.isZero()) {
            throw new IllegalArgumentException("onlineWindow must be positive, was " + onlineWindow);
        }
        if (recordInterval.isNegative() || recordInterval.compareTo(onlineWindow) >= 0) {
            throw new IllegalArgumentException("recordInterval must be at least 0 and shorter than onlineWindow ("
                    + onlineWindow + "), was " + recordInterval);
        }
    }

    /** Whether a user last seen at {@code lastSeen} is online at {@code now}. */
    public boolean isOnline(Instant lastSeen, Instant now) {
        return !lastSeen.isBefore(onlineSince(now));
    }

    /** The earliest last-seen time that still counts as online at {@code now}. */
    public Instant onlineSince(Instant now) {
        return now.minus(onlineWindow);
    }

    /** Whether activity at {@code now} should be recorded, given the last time it was. */
    public boolean shouldRecord(Instant lastRecorded, Instant now) {
        return !now.isBefore(lastRecorded.plus(recordInterval));
    }
}
