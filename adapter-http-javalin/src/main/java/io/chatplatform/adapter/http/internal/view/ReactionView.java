package io.chatplatform.adapter.http.internal.view;

import io.chatplatform.domain.message.Reaction;
import io.chatplatform.domain.message.Reactions;
import io.chatplatform.domain.user.UserId;
import java.util.List;

/**
 * One emoji on a message and who reacted with it, users in ascending id order; a message lists
 * its emoji in the order they were first used on it.
 */
public record ReactionView(String emoji, List<Long> userIds) {

    public ReactionView {
        userIds = List.copyOf(userIds);
    }

    static List<ReactionView> of(Reactions reactions) {
        if (reactions.isEmpty()) {
            return List.of();
        }
        return reactions.entries().stream().map(ReactionView::of).toList();
    }

    private static ReactionView of(Reaction reaction) {
        return new ReactionView(reaction.emoji().value(), reaction.userIds().stream().map(UserId::value).toList());
    }
}
