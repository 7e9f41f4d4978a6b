package io.chatplatform.domain.message.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatplatform.domain.limit.MessageChangeLimits;
import io.chatplatform.domain.message.ConversationId;
import io.chatplatform.domain.message.Emoji;
import io.chatplatform.domain.message.Message;
import io.chatplatform.domain.message.MessageContent;
import io.chatplatform.domain.message.MessageId;
import io.chatplatform.domain.message.Reactions;
import io.chatplatform.domain.user.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MessageChangePolicyTest {

    private static final UserId ALICE = UserId.of(7);
    private static final UserId BOB = UserId.of(42);
    private static final UserId MALLORY = UserId.of(99);
    private static final Instant SENT = Instant.parse("2026-12-01T10:00:00Z");
    private static final MessageContent HELLO = MessageContent.of("hello");
    private static final Emoji HEART = Emoji.of("❤️");
    private static final Emoji FIRE = Emoji.of("🔥");

    private static final MessageChangePolicy POLICY = new MessageChangePolicy(
            new MessageChangeLimits(Optional.of(Duration.ofHours(1)), 2, 2));

    /** Alice's message "hello" to Bob, as sent. */
    private static MessageState fromAliceToBob() {
        return MessageState.sent(new Message(MessageId.of(1), ConversationId.between(ALICE, BOB), 1, ALICE, BOB, HELLO,
                SENT, Optional.empty()));
    }

    private static MessageState withReactions(MessageState message, Reactions reactions) {
        return new MessageState(message.senderId(), message.recipientId(), message.createdAt(), message.content(),
                message.deletedAt(), message.earlierVersions(), reactions);
    }

    private static MessageState edited(MessageState message, int times) {
        return new MessageState(message.senderId(), message.recipientId(), message.createdAt(), message.content(),
                message.deletedAt(), times, message.reactions());
    }

    private static final MessageState DELETED = fromAliceToBob().deleted(SENT.plusSeconds(60));

    @Nested
    @DisplayName("editing")
    class Editing {
        private final MessageContent changed = MessageContent.of("hello, Bob");

        @Test
        void the_sender_may_edit_within_the_window_its_last_instant_included() {
            assertThat(POLICY.edit(ALICE, fromAliceToBob(), changed, SENT.plusSeconds(10))).isEqualTo(Decision.ALLOWED);
            assertThat(POLICY.edit(ALICE, fromAliceToBob(), changed, SENT.plus(Duration.ofHours(1)))).isEqualTo(Decision.ALLOWED);
            // a clock that lags the one that stamped the message
            assertThat(POLICY.edit(ALICE, fromAliceToBob(), changed, SENT.minusSeconds(1)).allowed()).isTrue();
        }

        @Test
        void the_recipient_and_strangers_are_told_not_found() {
            assertThat(POLICY.edit(BOB, fromAliceToBob(), changed, SENT)).isEqualTo(Decision.NOT_FOUND);
            assertThat(POLICY.edit(MALLORY, fromAliceToBob(), changed, SENT)).isEqualTo(Decision.NOT_FOUND);
            assertThat(POLICY.edit(MALLORY, DELETED, changed, SENT)).isEqualTo(Decision.NOT_FOUND);
        }

        @Test
        void a_deleted_message_is_gone() {
            assertThat(POLICY.edit(ALICE, DELETED, changed, SENT)).isEqualTo(Decision.GONE);
        }

        @Test
        void after_the_window_the_edit_is_refused_saying_when_it_closed() {
            Decision.Edit late = POLICY.edit(ALICE, fromAliceToBob(), changed, SENT.plus(Duration.ofHours(1)).plusMillis(1));
            assertThat(late).isEqualTo(new Decision.WindowClosed(SENT.plus(Duration.ofHours(1))));
            assertThat(late.allowed()).isFalse();
        }

        @Test
        void without_a_window_a_message_can_be_edited_forever() {
            MessageChangePolicy unlimited = new MessageChangePolicy(MessageChangeLimits.parse("edit_window=off"));
            assertThat(unlimited.edit(ALICE, fromAliceToBob(), changed, SENT.plus(Duration.ofDays(3650)))).isEqualTo(Decision.ALLOWED);
            assertThat(unlimited.editWindowClosesAt(fromAliceToBob())).isEmpty();
            assertThat(POLICY.editWindowClosesAt(fromAliceToBob())).contains(SENT.plus(Duration.ofHours(1)));
        }

        @Test
        void the_same_content_again_is_unchanged_even_after_the_window_so_a_retry_gets_its_first_answer() {
            assertThat(POLICY.edit(ALICE, fromAliceToBob(), HELLO, SENT)).isEqualTo(Decision.UNCHANGED);
            assertThat(POLICY.edit(ALICE, fromAliceToBob(), MessageContent.of("hello"), SENT.plus(Duration.ofDays(2))))
                    .isEqualTo(Decision.UNCHANGED);
            assertThat(POLICY.edit(ALICE, edited(fromAliceToBob(), 2), HELLO, SENT)).isEqualTo(Decision.UNCHANGED);
        }

        @Test
        void content_differing_only_in_white_space_is_a_change() {
            assertThat(POLICY.edit(ALICE, fromAliceToBob(), MessageContent.of("hello "), SENT)).isEqualTo(Decision.ALLOWED);
        }

        @Test
        void a_message_with_as_many_earlier_versions_as_it_may_keep_takes_no_more_edits() {
            assertThat(POLICY.edit(ALICE, edited(fromAliceToBob(), 1), changed, SENT)).isEqualTo(Decision.ALLOWED);
            assertThat(POLICY.edit(ALICE, edited(fromAliceToBob(), 2), changed, SENT)).isEqualTo(new Decision.TooManyEdits(2));
        }
    }

    @Nested
    @DisplayName("deleting")
    class Deleting {
        @Test
        void only_the_sender_deletes_for_everyone_and_a_second_time_changes_nothing() {
            assertThat(POLICY.deleteForEveryone(ALICE, fromAliceToBob())).isEqualTo(Decision.ALLOWED);
            assertThat(POLICY.deleteForEveryone(BOB, fromAliceToBob())).isEqualTo(Decision.NOT_FOUND);
            assertThat(POLICY.deleteForEveryone(MALLORY, fromAliceToBob())).isEqualTo(Decision.NOT_FOUND);
            assertThat(POLICY.deleteForEveryone(ALICE, DELETED)).isEqualTo(Decision.UNCHANGED);
            assertThat(POLICY.deleteForEveryone(BOB, DELETED)).isEqualTo(Decision.NOT_FOUND);
        }

        @Test
        void either_participant_hides_a_message_for_themself_also_a_tombstone() {
            assertThat(POLICY.deleteForMe(ALICE, fromAliceToBob(), false)).isEqualTo(Decision.ALLOWED);
            assertThat(POLICY.deleteForMe(BOB, fromAliceToBob(), false)).isEqualTo(Decision.ALLOWED);
            assertThat(POLICY.deleteForMe(BOB, DELETED, false)).isEqualTo(Decision.ALLOWED);
            assertThat(POLICY.deleteForMe(BOB, fromAliceToBob(), true)).isEqualTo(Decision.UNCHANGED);
            assertThat(POLICY.deleteForMe(MALLORY, fromAliceToBob(), false)).isEqualTo(Decision.NOT_FOUND);
        }

        @Test
        void a_tombstone_keeps_who_wrote_to_whom_and_when_and_nothing_else() {
            assertThat(DELETED.isDeleted()).isTrue();
            assertThat(DELETED.content()).isEmpty();
            assertThat(DELETED.deletedAt()).contains(SENT.plusSeconds(60));
            assertThat(DELETED.senderId()).isEqualTo(ALICE);
            assertThat(DELETED.recipientId()).isEqualTo(BOB);
            assertThat(DELETED.createdAt()).isEqualTo(SENT);
            assertThat(DELETED.earlierVersions()).isZero();
            assertThat(DELETED.reactions()).isEqualTo(Reactions.none());
            assertThat(withReactions(fromAliceToBob(), Reactions.none().with(BOB, HEART)).deleted(SENT).reactions().isEmpty())
                    .isTrue();
        }
    }

    @Nested
    @DisplayName("reacting")
    class Reacting {
        @Test
        void either_participant_reacts_strangers_are_told_not_found() {
            assertThat(POLICY.react(ALICE, fromAliceToBob(), HEART)).isEqualTo(Decision.ALLOWED);
            assertThat(POLICY.react(BOB, fromAliceToBob(), HEART)).isEqualTo(Decision.ALLOWED);
            assertThat(POLICY.react(MALLORY, fromAliceToBob(), HEART)).isEqualTo(Decision.NOT_FOUND);
            assertThat(POLICY.unreact(MALLORY, fromAliceToBob(), HEART)).isEqualTo(Decision.NOT_FOUND);
        }

        @Test
        void nobody_reacts_to_a_deleted_message() {
            assertThat(POLICY.react(BOB, DELETED, HEART)).isEqualTo(Decision.GONE);
            assertThat(POLICY.unreact(BOB, DELETED, HEART)).isEqualTo(Decision.GONE);
        }

        @Test
        void reacting_again_or_taking_back_what_is_not_there_is_unchanged() {
            MessageState hearted = withReactions(fromAliceToBob(), Reactions.none().with(BOB, HEART));
            assertThat(POLICY.react(BOB, hearted, Emoji.of("❤"))).isEqualTo(Decision.UNCHANGED);
            assertThat(POLICY.unreact(BOB, hearted, HEART)).isEqualTo(Decision.ALLOWED);
            assertThat(POLICY.unreact(ALICE, hearted, HEART)).isEqualTo(Decision.UNCHANGED);
            assertThat(POLICY.unreact(BOB, hearted, FIRE)).isEqualTo(Decision.UNCHANGED);
        }

        @Test
        void a_new_emoji_beyond_the_limit_is_refused_one_already_there_is_not() {
            MessageState full = withReactions(fromAliceToBob(), Reactions.none().with(BOB, HEART).with(BOB, FIRE));
            assertThat(POLICY.react(ALICE, full, Emoji.of("👍"))).isEqualTo(new Decision.TooManyEmoji(2));
            assertThat(POLICY.react(ALICE, full, HEART)).isEqualTo(Decision.ALLOWED);
            assertThat(POLICY.react(BOB, full, HEART)).isEqualTo(Decision.UNCHANGED);
        }
    }

    @Nested
    @DisplayName("replying")
    class Replying {
        @Test
        void a_reply_is_to_a_message_of_the_same_conversation_also_a_deleted_one() {
            assertThat(POLICY.reply(BOB, ALICE, fromAliceToBob())).isEqualTo(Decision.ALLOWED);
            assertThat(POLICY.reply(ALICE, BOB, fromAliceToBob())).isEqualTo(Decision.ALLOWED);
            assertThat(POLICY.reply(BOB, ALICE, DELETED)).isEqualTo(Decision.ALLOWED);
            assertThat(POLICY.reply(BOB, MALLORY, fromAliceToBob())).isEqualTo(Decision.NOT_FOUND);
            assertThat(POLICY.reply(ALICE, ALICE, fromAliceToBob())).isEqualTo(Decision.NOT_FOUND);
        }
    }

    @Test
    void a_message_has_content_exactly_until_it_is_deleted_and_then_nothing_else() {
        assertThatThrownBy(() -> new MessageState(ALICE, BOB, SENT, Optional.empty(), Optional.empty(), 0, Reactions.none()))
                .hasMessageContaining("content exactly until it is deleted");
        assertThatThrownBy(() -> new MessageState(ALICE, BOB, SENT, Optional.of(HELLO), Optional.of(SENT), 0, Reactions.none()))
                .hasMessageContaining("content exactly until it is deleted");
        assertThatThrownBy(() -> new MessageState(ALICE, BOB, SENT, Optional.empty(), Optional.of(SENT), 1, Reactions.none()))
                .hasMessageContaining("no earlier versions and no reactions");
        assertThatThrownBy(() -> new MessageState(ALICE, BOB, SENT, Optional.empty(), Optional.of(SENT), 0,
                Reactions.none().with(BOB, HEART))).hasMessageContaining("no earlier versions and no reactions");
        assertThatThrownBy(() -> new MessageState(ALICE, BOB, SENT, Optional.of(HELLO), Optional.empty(), -1, Reactions.none()))
                .hasMessageContaining("must not be negative");
        assertThat(fromAliceToBob().involves(BOB)).isTrue();
        assertThat(fromAliceToBob().involves(MALLORY)).isFalse();
        assertThat(fromAliceToBob().conversationId()).isEqualTo(ConversationId.between(BOB, ALICE));
    }

    @Test
    void the_state_of_a_stored_message_is_the_message_as_it_stands_with_its_count_of_earlier_versions() {
        Message sent = new Message(MessageId.of(1), ConversationId.between(ALICE, BOB), 1, ALICE, BOB, HELLO, SENT,
                Optional.empty());
        Message changed = sent.edited(MessageContent.of("hello again"), SENT.plusSeconds(5))
                .withReactions(Reactions.none().with(BOB, HEART));
        MessageState state = MessageState.of(changed, 1);
        assertThat(state).isEqualTo(new MessageState(ALICE, BOB, SENT, Optional.of(MessageContent.of("hello again")),
                Optional.empty(), 1, Reactions.none().with(BOB, HEART)));
        assertThat(POLICY.react(BOB, state, HEART)).isEqualTo(Decision.UNCHANGED);
        assertThat(POLICY.edit(ALICE, state, MessageContent.of("hello again"), SENT)).isEqualTo(Decision.UNCHANGED);
        assertThat(POLICY.edit(ALICE, MessageState.of(changed, 2), HELLO, SENT)).isEqualTo(new Decision.TooManyEdits(2));

        MessageState tombstone = MessageState.of(changed.deleted(SENT.plusSeconds(9)), 0);
        assertThat(tombstone.isDeleted()).isTrue();
        assertThat(tombstone.content()).isEmpty();
        assertThat(tombstone.deletedAt()).contains(SENT.plusSeconds(9));
        assertThat(tombstone.reactions().isEmpty()).isTrue();
        assertThat(POLICY.edit(ALICE, tombstone, HELLO, SENT)).isEqualTo(Decision.GONE);
        assertThat(POLICY.reply(BOB, ALICE, tombstone)).isEqualTo(Decision.ALLOWED);
        // a tombstone's earlier versions are erased with it: a count of them is a contradiction
        assertThatThrownBy(() -> MessageState.of(sent.deleted(SENT), 1)).hasMessageContaining("no earlier versions");
        assertThatThrownBy(() -> MessageState.of(sent, -1)).hasMessageContaining("must not be negative");
    }

    @Test
    void each_change_has_its_own_closed_set_of_answers() {
        assertThat(names(Decision.Edit.class))
                .containsExactly("Allowed", "NotFound", "Gone", "Unchanged", "WindowClosed", "TooManyEdits");
        assertThat(names(Decision.DeleteForEveryone.class)).containsExactly("Allowed", "NotFound", "Unchanged");
        assertThat(names(Decision.DeleteForMe.class)).containsExactly("Allowed", "NotFound", "Unchanged");
        assertThat(names(Decision.React.class)).containsExactly("Allowed", "NotFound", "Gone", "Unchanged", "TooManyEmoji");
        assertThat(names(Decision.Unreact.class)).containsExactly("Allowed", "NotFound", "Gone", "Unchanged");
        assertThat(names(Decision.Reply.class)).containsExactly("Allowed", "NotFound");
        assertThatThrownBy(() -> new Decision.WindowClosed(null)).isInstanceOf(NullPointerException.class);
    }

    private static List<String> names(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses()).map(Class::getSimpleName).toList();
    }
}
