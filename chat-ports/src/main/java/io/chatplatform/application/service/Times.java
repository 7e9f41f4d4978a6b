package io.chatplatform.application.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The time the services stamp on what they store. */
final class Times {

    private Times() {
    }

    /**
     * Now, to the millisecond: the precision the API shows, so that what a client was told and
     * what it reads back later are the same instant.
     */
    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
