package io.chatplatform.domain.message;

import io.chatplatform.domain.user.UserId;
import java.util.Objects;

/**
 * Identifies the direct conversation between two users (possibly the same user: notes to self).
 *
 * <p>The id is derived from the pair, lower id first ({@code "12:345"}), so both participants
 * name the same conversation without a lookup and two users writing to each other for the first
 * time at the same instant cannot create two conversations. It is also the distribution key of
 * the conversation and its messages, so every conversation query goes to one shard.
 */
public record ConversationId(String value) {

    public ConversationId {
        Objects.requireNonNull(value, "value");
        int colon = value.indexOf(':');
        long low = colon > 0 ? parseId(value, 0, colon) : -1;
        long high = colon > 0 ? parseId(value, colon + 1, value.length()) : -1;
        if (low < 1 || high < 1) {
            throw new IllegalArgumentException("conversation id must look like '<low user id>:<high user id>', was '" + value + "'");
        }
        UserId.of(low);
        UserId.of(high);
        if (low > high) {
            throw new IllegalArgumentException("conversation id must name the lower user id first, was '" + value + "'");
        }
    }

    /**
     * The decimal id in {@code text[from, to)}: 1 to 16 digits, no leading zero; -1 otherwise.
     * Hand-written because conversation ids are made for every message read (a regex per message
     * showed in profiles).
     */
    private static long parseId(String text, int from, int to) {
        int length = to - from;
        if (length < 1 || length > 16 || text.charAt(from) == '0') {
            return -1;
        }
        long id = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            id = id * 10 + (c - '0');
        }
        return id;
    }

    /** The conversation between {@code a} and {@code b}, whichever order they are given in. */
    public static ConversationId between(UserId a, UserId b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        UserId low = a.compareTo(b) <= 0 ? a : b;
        UserId high = low == a ? b : a;
        return new ConversationId(low.value() + ":" + high.value());
    }

    /** Whether this is the conversation between {@code a} and {@code b}, in either order; allocates nothing. */
    public boolean isBetween(UserId a, UserId b) {
        long low = Math.min(a.value(), b.value());
        long high = Math.max(a.value(), b.value());
        int colon = value.indexOf(':');
        return parseId(value, 0, colon) == low && parseId(value, colon + 1, value.length()) == high;
    }

    /** The participant with the lower id. */
    public UserId low() {
        return UserId.of(parseId(value, 0, value.indexOf(':')));
    }

    /** The participant with the higher id (the same as {@link #low()} in notes to self). */
    public UserId high() {
        return UserId.of(parseId(value, value.indexOf(':') + 1, value.length()));
    }

    /** Whether {@code user} takes part in this conversation. */
    public boolean involves(UserId user) {
        return low().equals(user) || high().equals(user);
    }

    /** The other participant, seen from {@code user} (themself in notes to self). */
    public UserId peerOf(UserId user) {
        if (!involves(user)) {
            throw new IllegalArgumentException("user " + user + " is not in conversation " + value);
        }
        return low().equals(user) ? high() : low();
    }

    @Override
    public String toString() {
        return value;
    }
}
