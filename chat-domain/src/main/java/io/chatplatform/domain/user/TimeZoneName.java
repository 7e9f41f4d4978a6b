package io.chatplatform.domain.user;

import io.chatplatform.domain.InvalidValueException;
import java.time.ZoneId;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The user's time zone as an IANA region name ({@code Europe/Berlin}) or {@code UTC}. Fixed
 * offsets are refused: they silently go wrong at the next daylight-saving change.
 */
public record TimeZoneName(String value) {

    /**
     * Every name accepted, sorted: {@code UTC} and the region names of the JVM's time-zone
     * database, read once at start-up (zones added to a running JVM's providers later are not
     * accepted). Fixed once, so that the API document can list exactly these.
     */
    public static final SortedSet<String> NAMES = names();

    /** The length of the longest name, in characters. */
    public static final int MAX_LENGTH = NAMES.stream().mapToInt(String::length).max().orElseThrow();

    /**
     * The shape every name has: a letter, then letters, digits, {@code _ + - /}. For an API schema,
     * which cannot usefully list all the names; looser than {@link #NAMES} ({@code Mars/Olympus}
     * has the shape). Written in the subset Java and ECMA-262 read alike.
     */
    public static final String PATTERN = "[A-Za-z][A-Za-z0-9_+/-]*";

    public TimeZoneName {
        if (value == null || !NAMES.contains(value)) {
            throw new InvalidValueException("timezone", "must be an IANA time zone name such as Europe/Berlin, or UTC");
        }
    }

    public static TimeZoneName of(String value) {
        return new TimeZoneName(value);
    }

    private static SortedSet<String> names() {
        SortedSet<String> names = new TreeSet<>(ZoneId.getAvailableZoneIds());
        names.add("UTC");
        return Collections.unmodifiableSortedSet(names);
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
