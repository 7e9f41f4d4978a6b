package io.chatplatform.domain.user;

import io.chatplatform.domain.Ids;

/** Identifies a user everywhere: positive and below 2^53, so it survives JSON. */
public record UserId(long value) implements Comparable<UserId> {

    public UserId {
        Ids.requireValid("user_id", value);
    }

    public static UserId of(long value) {
        return new UserId(value);
    }

    @Override
    public int compareTo(UserId other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
