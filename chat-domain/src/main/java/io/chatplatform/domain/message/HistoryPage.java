package io.chatplatform.domain.message;

import io.chatplatform.domain.InvalidValueException;
import java.util.Objects;
import java.util.Optional;

/**
 * Which slice of a conversation's history to read, newest first.
 *
 * <p>{@link #beforeId()} is a cursor: only messages older than that one. Unlike an offset it stays
 * stable while new messages arrive. {@link #offset()} is kept for clients of the replaced service
 * and is bounded, because a deep offset makes the database walk every skipped row.
 */
public record HistoryPage(int limit, int offset, Optional<MessageId> beforeId) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;
    public static final int MAX_OFFSET = 10_000;

    public HistoryPage {
        Objects.requireNonNull(beforeId, "beforeId");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidValueException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new InvalidValueException("offset", "must be between 0 and " + MAX_OFFSET);
        }
    }

    /** The newest {@value #DEFAULT_LIMIT} messages. */
    public static HistoryPage newest() {
        return new HistoryPage(DEFAULT_LIMIT, 0, Optional.empty());
    }

    /** The {@code limit} messages just older than {@code beforeId}. */
    public static HistoryPage before(MessageId beforeId, int limit) {
        return new HistoryPage(limit, 0, Optional.of(beforeId));
    }
}
