package io.chatplatform.domain.user;

import io.chatplatform.domain.InvalidValueException;
import java.time.ZoneId;

/**
 * The user's time zone as an IANA region name ({@code Europe/Berlin}) or {@code UTC}. Fixed
 * offsets are refused: they silently go wrong at the next daylight-saving change.
 */
public record TimeZoneName(String value) {

    public TimeZoneName {
        if (value == null || !(value.equals("UTC") || ZoneId.getAvailableZoneIds().contains(value))) {
            throw new InvalidValueException("timezone", "must be an IANA time zone name such as Europe/Berlin, or UTC");
        }
    }

    public static TimeZoneName of(String value) {
        return new TimeZoneName(value);
    }

    /** The zone as the JDK knows it. */
    public ZoneId zoneId() {
        return ZoneId.of(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
