package io.chatplatform.domain.message;

import io.chatplatform.domain.user.UserId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * One emoji on a message and who reacted with it: at least one user, each once, in ascending id
 * order (so two equal reactions are equal values and the API lists {@code user_ids} stably).
 */
public record Reaction(Emoji emoji, List<UserId> userIds) {

    public Reaction {
        Objects.requireNonNull(emoji, "emoji");
        userIds = List.copyOf(userIds);
        if (userIds.isEmpty()) {
            throw new IllegalArgumentException("a reaction " + emoji + " needs at least one user");
        }
        for (int i = 1; i < userIds.size(); i++) {
            if (userIds.get(i - 1).compareTo(userIds.get(i)) >= 0) {
                throw new IllegalArgumentException("the users of reaction " + emoji
                        + " must be distinct and ascending, were " + userIds);
            }
        }
    }

    /** The reaction of {@code users}, in any order and with repeats, with {@code emoji}. */
    public static Reaction of(Emoji emoji, List<UserId> users) {
        return new Reaction(emoji, new HashSet<>(users).stream().sorted().toList());
    }

    /** Whether {@code user} reacted with this emoji. */
    public boolean includes(UserId user) {
        return userIds.contains(user);
    }
}
