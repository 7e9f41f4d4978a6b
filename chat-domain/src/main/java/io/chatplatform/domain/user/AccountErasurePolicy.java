package io.chatplatform.domain.user;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How a deleted account is erased.
 *
 * @param handleRetention how long the username and email of a deleted account stay taken, so that
 *                        nobody can pose as the departed person to their contacts right away
 * @param batchSize       messages examined per erasure step: each step is one short transaction on
 *                        one conversation, so a million messages neither lock the database for long
 *                        nor hold a request
 */
public record AccountErasurePolicy(Duration handleRetention, int batchSize) {

    /** Handles kept 30 days; 500 messages per step. */
    public static final AccountErasurePolicy DEFAULT = new AccountErasurePolicy(Duration.ofDays(30), 500);

    public AccountErasurePolicy {
        Objects.requireNonNull(handleRetention, "handleRetention");
        if (handleRetention.isNegative()) {
            throw new IllegalArgumentException("handle retention cannot be negative");
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("an erasure step examines 1 to 10,000 messages, was " + batchSize);
        }
    }

    /** When the handles of an account deleted at {@code deletedAt} may be registered again. */
    public Instant handlesFreeAt(Instant deletedAt) {
        return deletedAt.plus(handleRetention);
    }

    public AccountErasurePolicy withBatchSize(int size) {
        return new AccountErasurePolicy(handleRetention, size);
    }
}
