package io.chatplatform.domain.session;

import io.chatplatform.domain.Ids;

/** Identifies a login session (one device or browser) everywhere: positive and below 2^53, so it survives JSON. */
public record SessionId(long value) {

    public SessionId {
        Ids.requireValid("session_id", value);
    }

    public static SessionId of(long value) {
        return new SessionId(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
