package io.chatplatform.application.port.out;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * What one check of a distributed database's worker nodes found: how many there are, and which
 * of them did not answer.
 *
 * @param total       the workers checked (the active primaries), at least 1
 * @param unavailable the workers that did not answer, as {@code host:port}; at most {@code total}
 * @param checkedAt   when the check ran
 */
public record WorkerCheck(int total, List<String> unavailable, Instant checkedAt) {

    public WorkerCheck {
        if (total < 1) {
            throw new IllegalArgumentException("a worker check covers at least 1 worker, was " + total);
        }
        unavailable = List.copyOf(Objects.requireNonNull(unavailable, "unavailable"));
        if (unavailable.size() > total) {
            throw new IllegalArgumentException(unavailable.size() + " unavailable workers out of " + total);
        }
        if (new HashSet<>(unavailable).size() != unavailable.size()) {
            throw new IllegalArgumentException("unavailable workers must be distinct, were " + unavailable);
        }
        Objects.requireNonNull(checkedAt, "checkedAt");
    }

    /** Every worker answered. */
    public boolean allAvailable() {
        return unavailable.isEmpty();
    }

    /** No worker answered: no data can be read or written. */
    public boolean noneAvailable() {
        return unavailable.size() == total;
    }
}
