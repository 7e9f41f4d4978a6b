package io.chatplatform.domain.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.user.UserId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReactionsTest {

    private static final UserId ALICE = UserId.of(7);
    private static final UserId BOB = UserId.of(42);
    private static final Emoji THUMBS_UP = Emoji.of("👍");
    private static final Emoji HEART = Emoji.of("❤️");
    private static final Emoji FIRE = Emoji.of("🔥");

    @Test
    void a_message_starts_without_reactions() {
        assertThat(Reactions.none().isEmpty()).isTrue();
        assertThat(Reactions.none().distinctEmoji()).isZero();
        assertThat(Reactions.none().of(THUMBS_UP)).isEmpty();
        assertThat(Reactions.none().includes(ALICE, THUMBS_UP)).isFalse();
    }

    @Test
    void emoji_keep_the_order_in_which_they_were_first_used_and_users_are_sorted() {
        Reactions reactions = Reactions.none()
                .with(BOB, HEART)
                .with(ALICE, THUMBS_UP)
                .with(ALICE, HEART);

        assertThat(reactions.entries()).containsExactly(
                new Reaction(HEART, List.of(ALICE, BOB)),
                new Reaction(THUMBS_UP, List.of(ALICE)));
        assertThat(reactions.includes(ALICE, HEART)).isTrue();
        assertThat(reactions.includes(BOB, THUMBS_UP)).isFalse();
        assertThat(reactions.of(HEART).orElseThrow().includes(BOB)).isTrue();
    }

    @Test
    void reacting_twice_with_the_same_emoji_changes_nothing() {
        Reactions once = Reactions.none().with(ALICE, THUMBS_UP);
        assertThat(once.with(ALICE, THUMBS_UP)).isSameAs(once);
        // the same emoji from another keyboard is the same reaction
        Reactions heart = Reactions.none().with(ALICE, Emoji.of("❤"));
        assertThat(heart.with(ALICE, HEART)).isSameAs(heart);
    }

    @Test
    void taking_a_reaction_back_removes_the_user_and_the_emoji_with_its_last_user() {
        Reactions reactions = Reactions.none().with(ALICE, HEART).with(BOB, HEART).with(ALICE, FIRE);

        Reactions withoutAlice = reactions.without(ALICE, HEART);
        assertThat(withoutAlice.entries()).containsExactly(
                new Reaction(HEART, List.of(BOB)), new Reaction(FIRE, List.of(ALICE)));
        assertThat(withoutAlice.without(BOB, HEART).entries()).containsExactly(new Reaction(FIRE, List.of(ALICE)));
        assertThat(reactions.without(ALICE, FIRE).without(ALICE, HEART).without(BOB, HEART)).isEqualTo(Reactions.none());
    }

    @Test
    void taking_back_a_reaction_that_is_not_there_changes_nothing() {
        Reactions reactions = Reactions.none().with(ALICE, HEART);
        assertThat(reactions.without(BOB, HEART)).isSameAs(reactions);
        assertThat(reactions.without(ALICE, FIRE)).isSameAs(reactions);
    }

    @Test
    void a_new_emoji_beyond_the_limit_cannot_be_added_but_a_known_one_can() {
        Reactions two = Reactions.none().with(ALICE, HEART).with(ALICE, FIRE);

        assertThat(two.canAdd(THUMBS_UP, 3)).isTrue();
        assertThat(two.canAdd(THUMBS_UP, 2)).isFalse();
        assertThat(two.canAdd(HEART, 2)).isTrue();
        // a limit lowered below what a message carries: it keeps them, and takes no new emoji
        assertThat(two.canAdd(HEART, 1)).isTrue();
        assertThat(two.canAdd(THUMBS_UP, 1)).isFalse();
        assertThatThrownBy(() -> two.canAdd(HEART, 0)).hasMessageContaining("maxDistinctEmoji must be at least 1");
    }

    @Test
    void a_reaction_has_distinct_users_in_ascending_order_and_at_least_one() {
        assertThat(Reaction.of(HEART, List.of(BOB, ALICE, BOB)).userIds()).containsExactly(ALICE, BOB);
        assertThatThrownBy(() -> new Reaction(HEART, List.of())).hasMessageContaining("needs at least one user");
        assertThatThrownBy(() -> new Reaction(HEART, List.of(BOB, ALICE))).hasMessageContaining("distinct and ascending");
        assertThatThrownBy(() -> new Reaction(HEART, List.of(ALICE, ALICE))).hasMessageContaining("distinct and ascending");
    }

    @Test
    void an_emoji_appears_once_among_the_reactions() {
        assertThatThrownBy(() -> new Reactions(List.of(new Reaction(HEART, List.of(ALICE)), new Reaction(HEART, List.of(BOB)))))
                .hasMessageContaining("appears twice");
    }
}
