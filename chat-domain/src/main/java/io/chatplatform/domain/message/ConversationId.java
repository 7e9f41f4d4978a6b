package io.chatplatform.domain.message;

import io.chatplatform.domain.user.UserId;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Identifies the direct conversation between two users (possibly the same user: notes to self).
 *
 * <p>The id is derived from the pair, lower id first ({@code "12:345"}), so both participants
 * name the same conversation without a lookup and two users writing to each other for the first
 * time at the same instant cannot create two conversations. It is also the distribution key of
 * the conversation and its messages, so every conversation query goes to one shard.
 */
public record ConversationId(String value) {

    private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,15}):([1-9][0-9]{0,15})");

    public ConversationId {
        Objects.requireNonNull(value, "value");
        Matcher m = FORM.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("conversation id must look like '<low user id>:<high user id>', was '" + value + "'");
        }
        long low = Long.parseLong(m.group(1));
        long high = Long.parseLong(m.group(2));
        UserId.of(low);
        UserId.of(high);
        if (low > high) {
            throw new IllegalArgumentException("conversation id must name the lower user id first, was '" + value + "'");
        }
    }

    /** The conversation between {@code a} and {@code b}, whichever order they are given in. */
    public static ConversationId between(UserId a, UserId b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        UserId low = a.compareTo(b) <= 0 ? a : b;
        UserId high = low == a ? b : a;
        return new ConversationId(low.value() + ":" + high.value());
    }

    /** The participant with the lower id. */
    public UserId low() {
        return UserId.of(Long.parseLong(value.substring(0, value.indexOf(':'))));
    }

    /** The participant with the higher id (the same as {@link #low()} in notes to self). */
    public UserId high() {
        return UserId.of(Long.parseLong(value.substring(value.indexOf(':') + 1)));
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
