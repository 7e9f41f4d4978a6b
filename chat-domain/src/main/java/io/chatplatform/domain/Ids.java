package io.chatplatform.domain;

/** Bounds shared by numeric identifiers. */
public final class Ids {

    /**
     * Identifiers travel as JSON numbers; JavaScript represents integers exactly only below
     * 2^53, so no identifier may reach it.
     */
    public static final long MAX_JSON_SAFE = (1L << 53) - 1;

    private Ids() {
    }

    /** Returns {@code value} when it is a positive, JSON-safe identifier. */
    public static long requireValid(String field, long value) {
        if (value < 1 || value > MAX_JSON_SAFE) {
            throw new InvalidValueException(field, "must be a positive integer below 2^53");
        }
        return value;
    }
}
