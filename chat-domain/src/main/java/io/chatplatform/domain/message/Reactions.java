package io.chatplatform.domain.message;

import io.chatplatform.domain.user.UserId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The reactions on one message, each emoji once, in the order the emoji were first used on it
 * (a client shows them so; it does not reorder when a second person adds the same emoji). A user
 * reacts with an emoji at most once; the same user may react with several emoji.
 *
 * <p>{@link #with} and {@link #without} are idempotent: repeating one returns an equal value,
 * which lets a caller see that nothing changed (and store or announce nothing). How many distinct
 * emoji a message may carry is configuration, not part of this value: ask {@link #canAdd} before
 * adding (the limit can be lowered while messages carry more; they keep them).
 */
public record Reactions(List<Reaction> entries) {

    private static final Reactions NONE = new Reactions(List.of());

    public Reactions {
        entries = List.copyOf(entries);
        Set<Emoji> seen = new HashSet<>();
        for (Reaction entry : entries) {
            if (!seen.add(entry.emoji())) {
                throw new IllegalArgumentException("emoji " + entry.emoji() + " appears twice in " + entries);
            }
        }
    }

    /** A message nobody reacted to. */
    public static Reactions none() {
        return NONE;
    }

    /** How many distinct emoji the message carries. */
    public int distinctEmoji() {
        return entries.size();
    }

    /** Whether nobody reacted. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The reaction with {@code emoji}, if anybody reacted with it. */
    public Optional<Reaction> of(Emoji emoji) {
        Objects.requireNonNull(emoji, "emoji");
        return entries.stream().filter(entry -> entry.emoji().equals(emoji)).findFirst();
    }

    /** Whether {@code user} reacted with {@code emoji}. */
    public boolean includes(UserId user, Emoji emoji) {
        Objects.requireNonNull(user, "user");
        return of(emoji).map(entry -> entry.includes(user)).orElse(false);
    }

    /**
     * Whether {@code emoji} may be added under a limit of {@code maxDistinctEmoji}: it is on the
     * message already (another user joins it, or the same user repeats it), or the message carries
     * fewer distinct emoji than the limit.
     */
    public boolean canAdd(Emoji emoji, int maxDistinctEmoji) {
        if (maxDistinctEmoji < 1) {
            throw new IllegalArgumentException("maxDistinctEmoji must be at least 1, was " + maxDistinctEmoji);
        }
        return of(emoji).isPresent() || entries.size() < maxDistinctEmoji;
    }

    /**
     * These reactions and {@code user}'s {@code emoji}: a new emoji goes last, a known one gains the
     * user in its place. Unchanged when the user reacted so already. Does not check the limit: see
     * {@link #canAdd}.
     */
    public Reactions with(UserId user, Emoji emoji) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(emoji, "emoji");
        List<Reaction> changed = new ArrayList<>(entries.size() + 1);
        boolean found = false;
        for (Reaction entry : entries) {
            if (entry.emoji().equals(emoji)) {
                if (entry.includes(user)) {
                    return this;
                }
                List<UserId> users = new ArrayList<>(entry.userIds());
                users.add(user);
                changed.add(Reaction.of(emoji, users));
                found = true;
            } else {
                changed.add(entry);
            }
        }
        if (!found) {
            changed.add(new Reaction(emoji, List.of(user)));
        }
        return new Reactions(changed);
    }

    /**
     * These reactions without {@code user}'s {@code emoji}; the emoji goes when its last user
     * does. Unchanged when the user had not reacted so.
     */
    public Reactions without(UserId user, Emoji emoji) {
        Objects.requireNonNull(user, "user");
        if (!includes(user, emoji)) {
            return this;
        }
        List<Reaction> changed = new ArrayList<>(entries.size());
        for (Reaction entry : entries) {
            if (!entry.emoji().equals(emoji)) {
                changed.add(entry);
            } else if (entry.userIds().size() > 1) {
                List<UserId> users = new ArrayList<>(entry.userIds());
                users.remove(user);
                changed.add(new Reaction(emoji, users));
            }
        }
        return new Reactions(changed);
    }
}
