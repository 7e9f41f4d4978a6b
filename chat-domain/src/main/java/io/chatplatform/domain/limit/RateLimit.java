package io.chatplatform.domain.limit;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * How much of one {@link LimitedAction} a subject (a user, a username, an address) may do: every
 * bandwidth must have a token left for the action to be admitted.
 */
public record RateLimit(LimitedAction action, List<Bandwidth> bandwidths) {

    public RateLimit {
        Objects.requireNonNull(action, "action");
        bandwidths = List.copyOf(bandwidths);
        if (bandwidths.isEmpty()) {
            throw new IllegalArgumentException(action.label() + " needs at least one bandwidth");
        }
    }

    /** As configuration writes it: {@code sends_per_user=30/10s+300/1m}. */
    @Override
    public String toString() {
        return action.label() + "=" + bandwidths.stream().map(Bandwidth::toString).collect(Collectors.joining("+"));
    }
}
