package io.chatplatform.domain.realtime;

import io.chatplatform.domain.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/** {@code from} is typing to {@code to}; the indication lapses at {@code until} unless repeated. Never stored. */
public record Typing(UserId from, UserId to, Instant until) implements LiveEvent {

    public Typing {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(until, "until");
    }

    @Override
    public LiveEventType type() {
        return LiveEventType.TYPING;
    }

    @Override
    public Set<UserId> audience() {
        return Set.of(to);
    }
}
